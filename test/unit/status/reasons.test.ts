/**
 * Reasons name documents as a person would, once each, and the exact unit (issue 18): real corpus documents ingested
 * into a temporary embedded store, their status asked through the service (as GET /v1/documents/{id}/status does).
 */
import type { Relation } from '../../../domain/relations/types';
import { ingestDocument } from '../../../domain/services/ingest';
import { documentStatus } from '../../../domain/services/status';
import { documentName, statusAt, uniqueRelations } from '../../../domain/status/engine';
import { drainOutbox } from '../../../local/stream';
import { tempEmbedded } from '../../support/embedded';
import { corpusFile } from '../../support/fixtures';
import { relationsOf } from '../relations/corpus-helpers';

const FILES = ['04-2007-QH12.txt', '26-2012-QH13.txt', '21-2021-TT-BLDTBXH.txt', '02-2024-TT-BLDTBXH.txt', '169-QD-BLDTBXH.txt'];
const embedded = tempEmbedded();

beforeAll(async () => {
  for (const f of FILES) await ingestDocument(embedded.ports, { fileName: f, bytes: corpusFile(f) });
  await drainOutbox(embedded);
}, 60_000);
afterAll(() => embedded.close());

const status = (doc: string, at: string, eId?: string) => documentStatus(embedded.ports, doc, at, eId);

describe('a document with no number is named by its type, title and date', () => {
  it('04/2007/QH12: amended by the vbpl.vn text of Luật 26/2012/QH13, which prints no number', async () => {
    const s = await status('04/2007/QH12', '2013-07-01');
    expect(s.status).toBe('partially_expired');
    expect(s.reasons.length).toBeGreaterThan(0);
    for (const r of s.reasons) {
      expect(r.message).not.toMatch(/unnumbered-/);
      expect(r.message).toMatch(/bởi Luật Sửa đổi, bổ sung một số Điều của Luật Thuế thu nhập cá nhân ban hành ngày 2012-11-22 \(Điều 1/u);
    }
    expect(s.reasons[0]).toMatchObject({ code: 'amended', number: null, eId: 'art_3__para_2', date: '2013-07-01' });
  });
});

describe('21/2021/TT-BLĐTBXH: each unit once, the exact unit', () => {
  it('lists each (unit, type, date) once: the list 169/QĐ-BLĐTBXH confirms what 02/2024/TT-BLĐTBXH did', async () => {
    const s = await status('21/2021/TT-BLĐTBXH', '2025-01-01');
    expect(s.status).toBe('partially_expired');
    const units = s.reasons.map((r) => r.eId);
    expect(units.length).toBe(new Set(units).size);
    // The list itself is one reason: the work partly expired, as 169/QĐ-BLĐTBXH announces.
    const listed = s.reasons.filter((r) => r.number === '169/QĐ-BLĐTBXH');
    expect(listed).toEqual([expect.objectContaining({ code: 'announced_expired', date: '2024-05-15' })]);
    expect(listed[0]?.eId).toBeUndefined();
    expect(listed[0]?.message).toMatch(/^Một phần: Được công bố hết hiệu lực bởi 169\/QĐ-BLĐTBXH \(Văn bản kèm theo 1\), từ ngày 2024-05-15 — /u);
    const clause = s.reasons.find((r) => r.eId === 'art_3__para_3');
    expect(clause).toMatchObject({ code: 'amended', number: '02/2024/TT-BLĐTBXH', date: '2024-05-15' });
    expect(clause?.message).toBe(
      'Điều 3, khoản 3: Được sửa đổi, bổ sung bởi 02/2024/TT-BLĐTBXH (Điều 1, khoản 1), từ ngày 2024-05-15; được công bố tại 169/QĐ-BLĐTBXH (Văn bản kèm theo 1)',
    );
  });

  it('names the forms 02/2024/TT-BLĐTBXH replaces, not their whole appendices', async () => {
    const s = await status('21/2021/TT-BLĐTBXH', '2025-01-01');
    const forms = s.reasons.filter((r) => r.eId?.includes('__form_'));
    expect(forms.map((r) => [r.eId, r.citation])).toEqual([
      ['app_XIII__form_01', 'Phụ lục XIII, Mẫu số 01'],
      ['app_I__form_02', 'Phụ lục I, Mẫu số 02'],
      ['app_I__form_03', 'Phụ lục I, Mẫu số 03'],
    ]);
    expect(forms[1]?.message).toMatch(/^Phụ lục I, Mẫu số 02: Bị thay thế bởi 02\/2024\/TT-BLĐTBXH \(Điều 2, khoản 2\), từ ngày 2024-05-15/u);
    expect(s.reasons.some((r) => r.eId === 'app_I' || r.eId === 'app_XIII')).toBe(false);
  });

  it('Phụ lục I as a whole stays in force, partly replaced; its form 02 is in force in its new wording', async () => {
    const app = await status('21/2021/TT-BLĐTBXH', '2025-01-01', 'app_I');
    expect(app.status).toBe('partially_expired');
    expect(app.reasons.map((r) => r.eId)).toEqual(['app_I__form_02', 'app_I__form_03']);
    const before = await status('21/2021/TT-BLĐTBXH', '2024-05-14', 'app_I');
    expect(before.status).toBe('in_force');
    const form = await status('21/2021/TT-BLĐTBXH', '2025-01-01', 'app_I__form_02');
    expect(form.status).toBe('in_force');
    expect(form.reasons.map((r) => r.code)).toEqual(['in_force_since', 'replaced']);
  });
});

describe('relation extraction names the forms', () => {
  it('02/2024/TT-BLĐTBXH Điều 2 khoản 2: "Thay thế Mẫu số 01 Phụ lục XIII, Mẫu số 02 và Mẫu số 03 Phụ lục I"', () => {
    const { relations } = relationsOf('02-2024-TT-BLDTBXH.txt');
    const para2 = relations.filter((r) => r.source.eId === 'art_2__para_2');
    expect(para2.map((r) => [r.type, r.target.number, r.target.eId])).toEqual([
      ['replaces', '21/2021/TT-BLĐTBXH', 'app_XIII__form_01'],
      ['replaces', '21/2021/TT-BLĐTBXH', 'app_I__form_02'],
      ['replaces', '21/2021/TT-BLĐTBXH', 'app_I__form_03'],
    ]);
  });

  it('169/QĐ-BLĐTBXH row 17 announces the same forms', () => {
    const { relations } = relationsOf('169-QD-BLDTBXH.txt');
    const row = relations.filter((r) => r.type === 'announces' && r.target.number === '21/2021/TT-BLĐTBXH').map((r) => r.target.eId);
    expect(row).toEqual(expect.arrayContaining(['app_XIII__form_01', 'app_I__form_02', 'app_I__form_03']));
    expect(row).not.toContain('app_I');
    expect(row).not.toContain('app_XIII');
  });
});

describe('uniqueRelations and documentName (pure)', () => {
  const amending = relationsOf('02-2024-TT-BLDTBXH.txt').relations.filter((r) => r.target.number === '21/2021/TT-BLĐTBXH' && r.type !== 'cites');
  const listed = relationsOf('169-QD-BLDTBXH.txt').relations.filter((r) => r.type === 'announces' && r.target.number === '21/2021/TT-BLĐTBXH');
  const work = { id: '21-2021-TT-BLDTBXH', number: '21/2021/TT-BLĐTBXH', type: 'thong_tu' as const, issued: '2021-12-15', effective: '2022-02-01' };

  it('keeps one relation per (source, type, unit, date), naming the other units of the source that give it', () => {
    const first = amending[0] as Relation;
    const again = { ...first, source: { ...first.source, eId: 'art_1__para_9' } } as Relation;
    const rels = uniqueRelations([...amending, again, { ...first } as Relation]);
    expect(rels.length).toBe(amending.length);
    const s = statusAt({ work, incoming: rels }, '2025-01-01');
    expect(s.reasons[0]?.message).toBe('Điều 3, khoản 3: Được sửa đổi, bổ sung bởi 02/2024/TT-BLĐTBXH (Điều 1, khoản 1; Điều 1, khoản 9), từ ngày 2024-05-15');
  });

  it('folds an announcement into the change its note names; keeps one that says more or names another date', () => {
    const folded = uniqueRelations([...amending, ...listed]);
    // The list's row stays once, as its announcement that the work is partly expired.
    expect(folded.length).toBe(amending.length + 1);
    expect(folded.filter((r) => r.type === 'announces').map((r) => [r.target.eId, r.partial])).toEqual([[undefined, true]]);
    const ended = listed.map((r) => ({ ...r, note: 'Bị bãi bỏ bởi Thông tư số 02/2024/TT-BLĐTBXH' }));
    expect(uniqueRelations([...amending, ...ended]).length).toBe(amending.length + listed.length);
    const later = listed.map((r) => ({ ...r, effectiveFrom: '2024-06-01' }));
    expect(uniqueRelations([...amending, ...later]).length).toBe(amending.length + listed.length);
    expect(uniqueRelations(listed).length).toBe(listed.length);
  });

  it('names a document by its number, else its type, title or issuer, and date', () => {
    expect(documentName({ number: '02/2024/TT-BLĐTBXH', title: 'Thông tư ...' })).toBe('02/2024/TT-BLĐTBXH');
    expect(documentName({ number: null, type: 'luat', title: 'An toàn, vệ sinh lao động', issued: '2015-06-25' })).toBe(
      'Luật An toàn, vệ sinh lao động ban hành ngày 2015-06-25',
    );
    expect(documentName({ number: null, type: 'quyet_dinh', title: null, issuers: ['Ủy ban nhân dân tỉnh Cao Bằng'], issued: null })).toBe(
      'Quyết định của Ủy ban nhân dân tỉnh Cao Bằng chưa có số, ký hiệu',
    );
  });
});
