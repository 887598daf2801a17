/**
 * Suggest puts what was typed first (issue 19): the document whose number it is (any spelling, or typed so far),
 * then a title that starts with it — over the development corpus, where other documents cite those numbers and titles.
 */
import { ingestDocument } from '../../domain/services/ingest';
import { suggestDocuments } from '../../domain/services/search';
import { drainOutbox } from '../../local/stream';
import { tempEmbedded } from '../support/embedded';
import { CORPUS_FILES, corpusFile } from '../support/fixtures';

const embedded = tempEmbedded();
beforeAll(async () => {
  for (const f of CORPUS_FILES) await ingestDocument(embedded.ports, { fileName: f, bytes: corpusFile(f) });
  await drainOutbox(embedded);
}, 180_000);
afterAll(() => embedded.close());

it.each([
  ['09/2022/TT-BLDTBXH', '09-2022-TT-BLDTBXH'],
  ['09-2022-tt-bldtbxh', '09-2022-TT-BLDTBXH'],
  ['41/2024', '41-2024-QH15'],
  ['bo luat lao dong', '45-2019-QH14'],
  ['Luật Doanh nghiệp', '59-2020-QH14'],
])('"%s" suggests %s first', async (typed, id) => {
  const s = await suggestDocuments(embedded.ports, typed, 5);
  expect(s[0]?.workId).toBe(id);
});
