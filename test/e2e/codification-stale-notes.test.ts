/**
 * GET /v1/codification/stale against what the Code's notes say (issue 18, bullet 8). Luật 04/2007/QH12 (thuế thu nhập
 * cá nhân) and its amending law 26/2012/QH13 are stored (the corpus copy with its gazette header, so 26/2012 is stored
 * under its number); đề mục 33.10 of the Code (coded 33.1) is imported. 26/2012 amends Điều 3, 4, 7, 19, 21 and 24;
 * the notes of 33.1.LQ.3, .4, .7 and .24 say the Code already carries 26/2012, the note of .19 says it carries the
 * later 71/2014/QH13 (01/01/2015); Điều 21 has no note.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CodifiedArticle } from '../../domain/codify/types';
import type { Effect } from '../../domain/effects/types';
import { importHeading, staleArticles, staleEffect } from '../../domain/services/codification';
import { ingestDocument } from '../../domain/services/ingest';
import { drainOutbox } from '../../local/stream';
import { tempEmbedded } from '../support/embedded';

const FIXTURES = join(__dirname, '..', 'fixtures');
const PIT_FILE = 'ab116df3-d3ed-4a95-95bf-0d6b8962e724'; // đề mục 33.10 Thuế thu nhập cá nhân (codes 33.1.*)
const embedded = tempEmbedded();

beforeAll(async () => {
  for (const f of ['04-2007-QH12.txt', '26-2012-QH13__header.txt'])
    await ingestDocument(embedded.ports, { fileName: f, bytes: readFileSync(join(FIXTURES, 'corpus', f)) });
  await drainOutbox(embedded);
  const html = gunzipSync(readFileSync(join(FIXTURES, 'phapdien', `${PIT_FILE}.html.gz`))).toString('utf8');
  await importHeading(embedded.ports, html, PIT_FILE);
}, 120_000);
afterAll(() => embedded.close());

it('flags only the article whose notes do not say it carries 26/2012/QH13 (6 flags before, 1 after)', async () => {
  const { items } = await staleArticles(embedded.ports, '2026-01-01');
  const pit = items.filter((i) => i.headingId === '33.10');
  expect(pit.map((i) => i.code)).toEqual(['33.1.LQ.21']);
  expect(pit[0]).toMatchObject({ documentNumber: '04/2007/QH12', codifiedFrom: '2009-01-01', changedFrom: '2013-07-01', incorporates: [] });
  expect(pit[0]?.effect).toMatchObject({ sourceNumber: '26/2012/QH13', target: 'art_21__para_1' });
});

it('a stored article carries the list, and staleEffect flags only what is newer than it', async () => {
  const [a] = (await embedded.ports.codification.findBySource('04-2007-QH12', '7')) as CodifiedArticle[];
  expect(a?.incorporates?.map((i) => [i.documentNumber, i.effective])).toEqual([['26/2012/QH13', '2013-07-01']]);
  const effect = (over: { workId: string; number: string; effectiveFrom: string }): Effect => ({
    id: `${over.workId}:art_1:1`,
    source: { workId: over.workId, number: over.number, typeLabel: 'Luật', eId: 'art_1', text: '', line: 1 },
    target: { workId: '04-2007-QH12', number: '04/2007/QH12', eId: 'art_7__para_1__point_c' },
    operation: 'replace_unit',
    payload: {},
    effectiveFrom: over.effectiveFrom,
    state: 'applied',
  });
  const art = a as CodifiedArticle;
  // A provision of 26/2012 that took effect later than the note says: still carried (by the document's number, any spelling).
  expect(staleEffect(art, [effect({ workId: '26-2012-QH13', number: '26/2012/QH13', effectiveFrom: '2014-01-01' })], '2026-01-01')).toBeNull();
  expect(staleEffect(art, [effect({ workId: 'x', number: 'Luật số 26-2012-qh13', effectiveFrom: '2014-01-01' })], '2026-01-01')).toBeNull();
  // A document the notes do not name, on or before the note's date: older than the codified text.
  expect(staleEffect(art, [effect({ workId: 'unnumbered-1', number: 'unnumbered-1', effectiveFrom: '2013-07-01' })], '2026-01-01')).toBeNull();
  // A newer amendment by another document: stale.
  const newer = effect({ workId: '71-2014-QH13', number: '71/2014/QH13', effectiveFrom: '2015-01-01' });
  expect(staleEffect(art, [newer], '2026-01-01')).toBe(newer);
});

it('re-importing a heading stored before the field existed writes it once, with the list; then nothing', async () => {
  const ports = embedded.ports;
  const stored = await ports.codification.getHeading('33.10');
  const articles = await ports.codification.listArticles('33.10');
  await ports.codification.replaceHeading(
    stored as NonNullable<typeof stored>,
    articles.map(({ incorporates: _, ...a }) => a),
  );
  // Read from the notes meanwhile: the old store is not stale where the notes say otherwise.
  expect((await staleArticles(ports, '2026-01-01')).items.map((i) => i.code)).toEqual(['33.1.LQ.21']);
  const html = gunzipSync(readFileSync(join(FIXTURES, 'phapdien', `${PIT_FILE}.html.gz`))).toString('utf8');
  expect(await importHeading(ports, html, PIT_FILE)).toMatchObject({ written: true, changed: 0, added: 0, removed: 0 });
  expect((await ports.codification.findBySource('04-2007-QH12', '24'))[0]?.incorporates).toHaveLength(1);
  expect(await importHeading(ports, html, PIT_FILE)).toMatchObject({ written: false });
});
