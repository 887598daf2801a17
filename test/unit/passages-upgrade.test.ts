/** An embedded index built before the passage terms (migration 10) fills them on its first open after the upgrade. */
import { join } from 'node:path';
import { openDatabase } from '../../adapters/sqlite/db';
import { SqliteSearchIndex } from '../../adapters/sqlite/search-index';
import type { SearchEntry } from '../../domain/ports';
import { questionTerms } from '../../domain/text/question';
import { tempDir } from '../support/embedded';

const unit = (id: string, title: string, text: string, kind: SearchEntry['kind'] = 'article'): SearchEntry => ({
  id,
  workId: id.split('#')[0] as string,
  kind,
  eId: kind === 'document' ? null : (id.split('#')[1] ?? null),
  documentNumber: null,
  documentType: 'luat',
  title,
  documentTitle: null,
  text,
  citation: null,
  issuers: [],
  issued: null,
  effective: null,
  expiry: null,
  status: 'unknown',
  sectors: [],
  scope: 'central',
  province: null,
  version: 1,
});

it('backfills the passage terms of units and codified articles, not documents, once', async () => {
  const file = join(tempDir('csdl-passages-'), 'search.sqlite');
  const db = openDatabase(file);
  const index = new SqliteSearchIndex(db);
  await index.upsert([
    unit('w1', 'Luật Hôn nhân', 'Kết hôn là việc nam và nữ xác lập quan hệ vợ chồng.', 'document'),
    unit('w1#art_8', 'Điều kiện kết hôn', 'Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên.'),
  ]);
  // As a store from before the upgrade: no passage terms, not marked filled.
  db.exec("DELETE FROM search_passages; DELETE FROM search_meta WHERE key = 'passages'");
  const terms = questionTerms('Điều kiện kết hôn là gì?');
  expect((await index.passages({ terms: [...terms.words, ...terms.pairs], limit: 5 })).hits).toEqual([]);
  db.close();

  const reopened = openDatabase(file);
  const upgraded = new SqliteSearchIndex(reopened);
  const { hits } = await upgraded.passages({ terms: [...terms.words, ...terms.pairs], limit: 5 });
  expect(hits.map((h) => h.id)).toEqual(['w1#art_8']);
  expect(reopened.prepare("SELECT value FROM search_meta WHERE key = 'passages'").pluck().get()).toBe(1);
  expect(reopened.prepare('SELECT count(*) FROM search_passages').pluck().get()).toBe(1);
  const { stats } = await upgraded.passages({ terms: ['ket_hon'], limit: 1 });
  expect(stats).toMatchObject({ rows: 1, df: new Map([['ket_hon', 1]]) });
  reopened.close();
});

it('keeps the passage count and average length exact through updates and removals (FTS5’s own totals only grow)', async () => {
  const index = new SqliteSearchIndex(openDatabase(join(tempDir('csdl-passages-'), 'search.sqlite')));
  const stats = async () => (await index.passages({ terms: ['ket_hon'], limit: 1 })).stats;
  await index.upsert([unit('w1#art_1', 'Kết hôn', 'Nam nữ kết hôn.'), unit('w2#art_1', 'Ly hôn', 'Vợ chồng ly hôn.')]);
  const first = await stats();
  expect(first.rows).toBe(2);
  for (let v = 2; v < 6; v++) await index.upsert([{ ...unit('w1#art_1', 'Kết hôn', 'Nam nữ kết hôn.'), version: v }]);
  expect(await stats()).toEqual(first);
  await index.removeWork('w2');
  const left = await stats();
  // "Kết hôn. Nam nữ kết hôn.": 2 + 4 syllables in two stretches, 1 + 3 pairs.
  expect([left.rows, left.avgdl]).toEqual([1, 10]);
});
