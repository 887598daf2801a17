/**
 * Amendments the database knows of but whose text it lacks (issue 18, bullet 4), from an official list: 169/QĐ-BLĐTBXH
 * says 21/2021/TT-BLĐTBXH was "sửa đổi, bổ sung, thay thế bởi Thông tư số 02/2024/TT-BLĐTBXH". Without 02/2024 in
 * the database, 21/2021 is amended by it from the list's date, its text missing; once 02/2024 arrives, nothing is
 * pending any more.
 */
import { documentStatus } from '../../../domain/services/status';
import { consolidatedDocument } from '../../../domain/services/consolidation';
import { ingestDocument } from '../../../domain/services/ingest';
import { drainOutbox } from '../../../local/stream';
import { tempEmbedded } from '../../support/embedded';
import { corpusFile } from '../../support/fixtures';

it('reads a pending amendment from an official list, until the amending document is in the database', async () => {
  const embedded = tempEmbedded();
  try {
    for (const f of ['21-2021-TT-BLDTBXH.txt', '169-QD-BLDTBXH.txt']) await ingestDocument(embedded.ports, { fileName: f, bytes: corpusFile(f) });
    await drainOutbox(embedded);
    const s = await documentStatus(embedded.ports, '21-2021-TT-BLDTBXH', '2024-06-01');
    expect(s.pending).toEqual([
      expect.objectContaining({ number: '02/2024/TT-BLĐTBXH', effective: '2024-05-15', via: { workId: '169-QD-BLDTBXH-2025', number: '169/QĐ-BLĐTBXH' } }),
    ]);
    expect(s.reasons.find((r) => r.pending)).toMatchObject({ code: 'amended', number: '02/2024/TT-BLĐTBXH', pending: { via: '169/QĐ-BLĐTBXH' } });
    const c = await consolidatedDocument(embedded.ports, '21-2021-TT-BLDTBXH', '2024-06-01');
    expect(c.pending.map((p) => [p.number, p.inEffect])).toEqual([['02/2024/TT-BLĐTBXH', true]]);

    await ingestDocument(embedded.ports, { fileName: '02-2024-TT-BLDTBXH.txt', bytes: corpusFile('02-2024-TT-BLDTBXH.txt') });
    await drainOutbox(embedded);
    expect((await documentStatus(embedded.ports, '21-2021-TT-BLDTBXH', '2024-06-01')).pending).toEqual([]);
  } finally {
    embedded.close();
  }
});
