/**
 * Issue 19, first point: laws cited by name and date ("Căn cứ Luật Doanh nghiệp ngày 17 tháng 6 năm 2020") are
 * found in the database by their type, title and date, in the status check of a căn cứ block and in relations; a
 * document cited by name before it arrives gets a placeholder named after it, and the citation finds it once it is
 * ingested; a date is never taken for a document's number.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestDocument } from '../../domain/services/ingest';
import { checkCitations, documentRelations } from '../../domain/services/status';
import { drainOutbox } from '../../local/stream';
import { tempEmbedded } from '../support/embedded';
import { CORPUS_DIR } from '../support/fixtures';

const file = (name: string) => ({ fileName: name, bytes: readFileSync(join(CORPUS_DIR, name)) });

it('resolves "Luật Doanh nghiệp ngày 17 tháng 6 năm 2020" and "Bộ luật Lao động ngày 20 tháng 11 năm 2019" in a căn cứ block', async () => {
  const embedded = tempEmbedded();
  try {
    for (const f of ['59-2020-QH14.txt', '45-2019-QH14.txt']) await ingestDocument(embedded.ports, file(f));
    await drainOutbox(embedded);
    const r = await checkCitations(
      embedded.ports,
      'Căn cứ Luật Doanh nghiệp ngày 17 tháng 6 năm 2020;\nCăn cứ Bộ luật Lao động ngày 20 tháng 11 năm 2019;\nCăn cứ Luật Đầu tư ngày 17 tháng 6 năm 2020;\nCăn cứ Bộ luật Lao động năm 2019;',
      '2024-01-01',
    );
    expect(r.items.map((i) => [i.citation, i.documentId, i.status])).toEqual([
      ['Luật Doanh nghiệp ngày 17 tháng 6 năm 2020', '59-2020-QH14', 'in_force'],
      ['Bộ luật Lao động ngày 20 tháng 11 năm 2019', '45-2019-QH14', 'in_force'],
      ['Luật Đầu tư ngày 17 tháng 6 năm 2020', null, 'unknown'],
      // The same code cited by its year only: already listed above, once.
    ]);
    expect(r.items[2]?.reasons[0]?.message).toBe('Văn bản Luật Đầu tư ngày 17 tháng 6 năm 2020 chưa có trong Cơ sở dữ liệu');
  } finally {
    embedded.close();
  }
});

it('links 158/2025/NĐ-CP, which details "Luật Bảo hiểm xã hội ngày 29 tháng 6 năm 2024", to 41/2024/QH15, in either order of arrival', async () => {
  for (const order of [
    ['41-2024-QH15.txt', '158-2025-ND-CP.txt'],
    ['158-2025-ND-CP.txt', '41-2024-QH15.txt'],
  ]) {
    const embedded = tempEmbedded();
    try {
      for (const f of order) {
        await ingestDocument(embedded.ports, file(f));
        await drainOutbox(embedded);
      }
      const rel = await documentRelations(embedded.ports, '41-2024-QH15');
      const detailed = rel.groups.find((g) => g.type === 'details' && g.direction === 'incoming');
      expect({ order, detailedBy: detailed?.relations.map((x) => x.other.number) }).toEqual({ order, detailedBy: ['158/2025/NĐ-CP'] });
      const out = await documentRelations(embedded.ports, '158-2025-ND-CP');
      const bases = out.groups.find((g) => g.type === 'legal_basis')?.relations ?? [];
      expect(bases.find((b) => b.other.workId === '41-2024-QH15')).toMatchObject({ other: { number: '41/2024/QH15', inDatabase: true } });
    } finally {
      embedded.close();
    }
  }
});

it('never takes a date for a number: 84/2025/QĐ-UBND Hà Tĩnh cites laws "ngày 16/6/2025" and "ngày 19/02/2025"', async () => {
  const embedded = tempEmbedded();
  try {
    await ingestDocument(embedded.ports, file('84-2025-QD-UBND-HaTinh.txt'));
    await drainOutbox(embedded);
    const rel = await documentRelations(embedded.ports, '84-2025-QD-UBND-HaTinh');
    const others = rel.groups.flatMap((g) => g.relations.map((r) => r.other));
    expect(others.filter((o) => /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(o.number ?? ''))).toEqual([]);
    // The law is a placeholder named after it, which answers by its name.
    const law = others.find((o) => o.text.startsWith('Luật Tổ chức chính quyền địa phương'));
    expect(law).toMatchObject({ workId: 'name-luat-luat-to-chuc-chinh-quyen-dia-phuong-2025-06-16', number: null, inDatabase: false });
    const placeholder = await documentRelations(embedded.ports, law?.workId as string);
    expect(placeholder.inDatabase).toBe(false);
  } finally {
    embedded.close();
  }
});

it('gives the repealer named in an official list a page: 169/QĐ-BLĐTBXH says 09/2022 was "bãi bỏ bởi Thông tư số 03/2024/TT-BLĐTBXH"', async () => {
  const embedded = tempEmbedded();
  try {
    await ingestDocument(embedded.ports, file('169-QD-BLDTBXH.txt'));
    await drainOutbox(embedded);
    const placeholder = await documentRelations(embedded.ports, '03/2024/TT-BLĐTBXH');
    expect(placeholder.inDatabase).toBe(false);
    expect(placeholder.groups.find((g) => g.type === 'cites' && g.direction === 'incoming')?.relations.map((r) => r.other.number)).toEqual(['169/QĐ-BLĐTBXH']);
  } finally {
    embedded.close();
  }
});
