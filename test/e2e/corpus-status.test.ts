/**
 * Status on the whole development corpus (test/fixtures/corpus, 50 real documents): the cases the status issue
 * names, read from the documents themselves — repeal by a later law, partial amendment, a list of expired documents —
 * and every local document on the day before and the day it takes effect.
 */
import { readFileSync } from 'node:fs';
import { ingestDocument } from '../../domain/services/ingest';
import { documentStatus, sweepStatuses } from '../../domain/services/status';
import { importHeading, staleArticles } from '../../domain/services/codification';
import { gunzipSync } from 'node:zlib';
import { drainOutbox } from '../../local/stream';
import { tempEmbedded } from '../support/embedded';
import { CORPUS_FILES, corpusFile, PHAPDIEN_20_5 } from '../support/fixtures';

const embedded = tempEmbedded();
const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  for (const f of CORPUS_FILES) await ingestDocument(embedded.ports, { fileName: f, bytes: corpusFile(f) });
  await drainOutbox(embedded);
}, 120_000);
afterAll(() => embedded.close());

const status = (doc: string, at: string) => documentStatus(embedded.ports, doc, at);

it('Luật 58/2014/QH13 is expired from 2025-07-01, replaced by 41/2024/QH15, and not before', async () => {
  expect((await status('58/2014/QH13', '2025-06-30')).status).not.toBe('expired');
  const s = await status('58/2014/QH13', '2025-07-01');
  expect(s.status).toBe('expired');
  expect(s.reasons[0]).toMatchObject({ code: 'replaced', number: '41/2024/QH15', date: '2025-07-01' });
});

it('Luật 84/2015/QH13 is partially expired from 2025-07-01, amended by 41/2024/QH15', async () => {
  expect((await status('84/2015/QH13', '2025-06-30')).status).toBe('in_force');
  const s = await status('84/2015/QH13', '2025-07-01');
  expect(s.status).toBe('partially_expired');
  expect(s.reasons.every((r) => r.number === '41/2024/QH15' && r.date === '2025-07-01')).toBe(true);
});

it('Thông tư 09/2022/TT-BLĐTBXH: not yet, in force, partially expired by 02/2023, expired by the list 169/QĐ-BLĐTBXH', async () => {
  expect((await status('09/2022/TT-BLĐTBXH', '2022-07-10')).status).toBe('not_yet_in_force');
  expect((await status('09/2022/TT-BLĐTBXH', '2022-07-11')).status).toBe('in_force');
  const amended = await status('09/2022/TT-BLĐTBXH', '2023-06-01');
  expect(amended.status).toBe('partially_expired');
  expect(amended.reasons[0]).toMatchObject({ number: '02/2023/TT-BLĐTBXH', date: '2023-06-01' });
  expect((await status('09/2022/TT-BLĐTBXH', '2024-06-04')).status).toBe('partially_expired');
  const listed = await status('09/2022/TT-BLĐTBXH', '2024-06-05');
  expect(listed.status).toBe('expired');
  expect(listed.reasons[0]).toMatchObject({ code: 'announced_expired', number: '169/QĐ-BLĐTBXH', date: '2024-06-05' });
});

it('every local document is not yet in force the day before it takes effect, and in force on that day', async () => {
  const page = await embedded.ports.works.list({ limit: 100 });
  const local = page.items.filter((w) => w.scope === 'province' && w.effective);
  expect(local.length).toBeGreaterThanOrEqual(8);
  for (const w of local) {
    expect([w.id, (await status(w.id, dayBefore(w.effective as string))).status]).toEqual([w.id, 'not_yet_in_force']);
    expect([w.id, (await status(w.id, w.effective as string)).status]).toEqual([w.id, expect.stringMatching(/^(in_force|partially_expired)$/)]);
  }
});

it('never returns to in force without a new event, and the sweep is idempotent', async () => {
  const page = await embedded.ports.works.list({ limit: 100 });
  for (const w of page.items) {
    const s = await status(w.id, '2026-01-01');
    // Walk the status-change dates in order: once expired, a work stays expired (no later event revives it here).
    let expired = false;
    for (const d of s.changes) {
      const at = (await status(w.id, d)).status;
      if (expired) expect([w.id, d, at]).toEqual([w.id, d, 'expired']);
      if (at === 'expired') expired = true;
    }
  }
  const refreshed: string[][] = [];
  for (let i = 0; i < 2; i++) {
    const ids: string[] = [];
    await sweepStatuses(embedded.ports, '2025-07-01', '2025-06-30', async (batch) => {
      ids.push(...batch);
    });
    refreshed.push(ids.sort());
  }
  expect(refreshed[0]).toEqual(refreshed[1]);
  expect(refreshed[0]).toEqual(expect.arrayContaining(['58-2014-QH13', '84-2015-QH13']));
});

it('names the codified articles of đề mục 20.5 that Luật 41/2024/QH15 amended in 84/2015/QH13 as stale', async () => {
  const file = PHAPDIEN_20_5; // đề mục 20.5
  await importHeading(embedded.ports, gunzipSync(readFileSync(file)).toString('utf8'), 'b10e4fa0-bfe1-42c1-8ff0-0af74ec834ed');
  const before = await staleArticles(embedded.ports, '2025-06-30');
  expect(before.items.filter((i) => i.headingId === '20.5')).toEqual([]);
  const { items } = await staleArticles(embedded.ports, '2025-07-01');
  const stale = items.filter((i) => i.headingId === '20.5');
  expect(stale.map((i) => i.code)).toEqual(['20.5.LQ.42', '20.5.LQ.43', '20.5.LQ.44', '20.5.LQ.49', '20.5.LQ.53']);
  expect(stale.every((i) => i.documentNumber === '84/2015/QH13' && i.effect.sourceNumber === '41/2024/QH15' && i.changedFrom === '2025-07-01')).toBe(true);
});
