/**
 * Issue 18, first bullet: the search filter "in force at a date" honours the end of a document's validity as the
 * status engine reads it from the relations (here 169/QĐ-BLĐTBXH's list: 38/2022/NĐ-CP replaced from 2024-07-01,
 * 09/2022/TT-BLĐTBXH repealed from 2024-06-05), the same as `/status` says.
 */
import { readdirSync } from 'node:fs';
import { documentStatus } from '../../domain/services/status';
import { searchDocuments } from '../../domain/services/search';
import { ingestDocument } from '../../domain/services/ingest';
import { drainOutbox } from '../../local/stream';
import { tempEmbedded } from '../support/embedded';
import { SAMPLE_DIR, sampleFile } from '../support/fixtures';

it('leaves out of "in force on D" what the status says ended before D, and keeps it before', async () => {
  const embedded = tempEmbedded();
  for (const f of readdirSync(SAMPLE_DIR).filter((x) => x.endsWith('.txt'))) await ingestDocument(embedded.ports, { fileName: f, bytes: sampleFile(f) });
  await drainOutbox(embedded);
  const found = async (q: string, at: string) =>
    (await searchDocuments(embedded.ports, { q, limit: 50, offset: 0, scope: 'documents', inForceAt: at })).hits.map((h) => h.workId);
  for (const [id, q, before, after] of [
    ['38-2022-ND-CP', 'muc luong toi thieu', '2024-06-30', '2025-01-01'],
    ['09-2022-TT-BLDTBXH', 'da dang hoa sinh ke', '2024-06-04', '2025-01-01'],
  ] as const) {
    expect((await documentStatus(embedded.ports, id, after)).status).toBe('expired');
    expect((await documentStatus(embedded.ports, id, before)).status).not.toBe('expired');
    expect({ id, before: (await found(q, before)).includes(id) }).toEqual({ id, before: true });
    expect({ id, after: (await found(q, after)).includes(id) }).toEqual({ id, after: false });
  }
});
