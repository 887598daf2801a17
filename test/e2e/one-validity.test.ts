/**
 * One truth (issue 18): over the whole development corpus (test/fixtures/corpus), for every work and every unit and
 * 30 dates spread over 1990–2030, the search filter "in force on D", `/status`, the consolidated text, the timeline
 * and systematization say the same thing about validity. Disagreements are printed as a count, with the first ones.
 */
import { filterClauses } from '../../adapters/sqlite/search-index';
import { consolidatedDocument, documentTimeline } from '../../domain/services/consolidation';
import { ingestDocument } from '../../domain/services/ingest';
import { documentStatus, statusInputFor } from '../../domain/services/status';
import { systematization } from '../../domain/services/systematization';
import { type StatusCode, unitStatusAt } from '../../domain/status/engine';
import type { MarkedUnit } from '../../domain/consolidate/validity';
import { issuerLabel } from '../../domain/issuers';
import { drainOutbox } from '../../local/stream';
import { tempEmbedded } from '../support/embedded';
import { CORPUS_FILES, corpusFile } from '../support/fixtures';

const embedded = tempEmbedded();
beforeAll(async () => {
  for (const f of CORPUS_FILES) await ingestDocument(embedded.ports, { fileName: f, bytes: corpusFile(f) });
  await drainOutbox(embedded);
}, 180_000);
afterAll(() => embedded.close());

/** 30 dates from 1990-01-01 to 2030-12-31, evenly spread. */
const DATES = Array.from({ length: 30 }, (_, i) => {
  const from = Date.parse('1990-01-01T00:00:00Z');
  const to = Date.parse('2030-12-31T00:00:00Z');
  return new Date(from + Math.round(((to - from) * i) / 29 / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
});
const inForce = (s: StatusCode | string) => s === 'in_force' || s === 'partially_expired';
const UNIT_KINDS = new Set(['article', 'clause', 'point']);

/**
 * Units live in a consolidated text: present, not a stub, and in force as the text reads them — by their own mark,
 * else the nearest marked unit containing them, else the document's validity said above the text.
 */
function liveUnits(units: MarkedUnit[], document: string): Set<string> {
  const live = new Set<string>();
  const walk = (us: MarkedUnit[], outer: string) => {
    for (const u of us) {
      const own = u.validity?.status ?? outer;
      if (u.repealed) continue;
      if (inForce(own)) live.add(u.eId);
      walk(u.children, own);
    }
  };
  walk(units, document);
  return live;
}

it('search, status, consolidated text, timeline and systematization agree for every work, unit and date: 0 disagreements', async () => {
  const works = (await embedded.ports.works.list({ limit: 500 })).items;
  const unitEntries = embedded.db.prepare(
    'SELECT id FROM search_entries e WHERE e.work_id = @work ' + filterClauses({ scope: 'units', inForceAt: '0000-00-00' }).where.replace(/@inForceAt/g, '@at'),
  );
  const disagreements: string[] = [];
  const disagree = (what: string) => {
    disagreements.push(what);
  };
  let units = 0;
  /** Units that ended while their document stayed in force: what the agreement has to get right. */
  let endedInside = 0;
  const issuers = new Map<string, string>();
  for (const w of works) if (w.type !== 'van_ban_hop_nhat' && w.issuers[0]) issuers.set(w.id, issuerLabel(w.issuers[0]));

  for (const at of DATES) {
    const systematized = new Map<string, string>();
    for (const issuer of new Set(issuers.values()))
      for (const l of (await systematization(embedded.ports, { issuer, at })).lists)
        if (l.key !== 'to_review') for (const row of l.rows) systematized.set(row.documentId, row.status);
    for (const w of works) {
      const status = (await documentStatus(embedded.ports, w.id, at)).status;
      // The search filter, on the document's entry.
      const found = (await embedded.ports.search.documentEntries([w.id], { inForceAt: at })).length > 0;
      if (found !== inForce(status)) disagree(`${w.id} ${at}: status ${status}, search filter ${found ? 'in force' : 'not in force'}`);
      // The consolidated text says the same validity.
      const c = await consolidatedDocument(embedded.ports, w, at);
      if (c.validity.status !== status) disagree(`${w.id} ${at}: status ${status}, consolidated ${c.validity.status}`);
      // The timeline: the last validity change on or before the date is this status.
      const t = await documentTimeline(embedded.ports, w.id);
      const last = t.dates.filter((d) => d.status && d.date <= at).pop()?.status?.status ?? null;
      if (last !== null ? last !== status : inForce(status)) disagree(`${w.id} ${at}: status ${status}, timeline ${last}`);
      // Systematization lists the work (issued by then) with the same status.
      const listed = systematized.get(w.id);
      if (listed !== undefined && listed !== status) disagree(`${w.id} ${at}: status ${status}, systematization ${listed}`);
      if (issuers.has(w.id) && (!w.issued || w.issued <= at) && listed === undefined) disagree(`${w.id} ${at}: not in systematization`);

      // Every unit: its status, its index entry under the filter, its place in the consolidated text.
      const rows = w.unitSet ? await embedded.ports.units.listUnits(w.unitSet) : [];
      const input = await statusInputFor(embedded.ports, w, 0, rows);
      const indexed = new Set((unitEntries.all({ work: w.id, at }) as { id: string }[]).map((r) => r.id));
      const live = liveUnits(c.units, c.validity.status);
      for (const u of rows) {
        if (!UNIT_KINDS.has(u.kind)) continue;
        units++;
        const s = unitStatusAt(input, u.eId, at).status;
        if (!inForce(s) && c.validity.inForce) endedInside++;
        if (u.text.trim() || u.heading) {
          const entry = indexed.has(`${w.id}#${u.eId}`);
          if (entry !== inForce(s)) disagree(`${w.id} ${u.eId} ${at}: status ${s}, search filter ${entry ? 'in force' : 'not in force'}`);
        }
        if (live.has(u.eId) !== inForce(s)) disagree(`${w.id} ${u.eId} ${at}: status ${s}, consolidated ${live.has(u.eId) ? 'live' : 'not live'}`);
      }
    }
  }
  console.log(
    `one truth: ${disagreements.length} disagreements over ${works.length} works, ${units / DATES.length} units (${endedInside} unit-dates ended inside a document in force), ${DATES.length} dates (${DATES[0]} … ${DATES[DATES.length - 1]})` +
      (disagreements.length ? `\n${disagreements.slice(0, process.env.ALL ? 100000 : 40).join('\n')}` : ''),
  );
  expect(endedInside).toBeGreaterThan(100);
  expect(disagreements.length).toBe(0);
}, 600_000);
