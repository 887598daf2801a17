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
  reopened.close();
});
