import { DomainError } from '../errors';
import { numOfEId } from '../eid';
import type { Work } from '../model';
import { citationFromEId, type StoredUnit } from '../units';
import { withUnitFacts } from './status';
import { type StatusInput, startOfValidity, unitEndsOfValidity, unitStartsOfValidity } from '../status/engine';
import type { Facets, Ports, SearchEntry, SearchHit, SearchQuery, Suggestion } from '../ports';
import { foldedWords, makeSnippet, queryTerms } from '../text/snippet';
import { normalizeText } from '../text/normalize';
import { referenceKey } from '../refs';
import { readDocument } from '../parse/formats';
import { issuerLabel, provinceOf } from '../issuers';
import { filedSectors, sectorInput, suggestSectors } from '../sectors';
import { depthWithNamed, namedDocuments, pageWithNamed } from './known-items';
import { originalBytes } from './sources';

export const MAX_QUERY_CHARS = 1000;

const oneLine = (text: string) => normalizeText(text).replace(/\s+/g, ' ').trim();
/** Units that get their own entry: what people cite and what answers a question. */
const UNIT_ENTRY_KINDS = new Set(['article', 'clause', 'point']);

/**
 * The status a search filter sees, from the work's own dates. Relations (repeal, replacement, suspension) refine
 * it in domain/status; the index keeps whichever the indexer computed, refreshed by events and the daily sweep.
 */
export function datedStatus(work: Pick<Work, 'effective'> & { expiry?: string | null }, today: string): string {
  if (!work.effective) return 'unknown';
  if (work.effective > today) return 'not_yet_in_force';
  if (work.expiry && work.expiry <= today) return 'expired';
  return 'in_force';
}

/**
 * Index entries for one work: one for the document (number, title and whole text) and one per article, clause and
 * point (its heading and own text), so a search can answer with the clause that says it. Every entry carries the
 * document's metadata for filters and facets (docs/adr/0008).
 */
export function searchEntriesFor(
  work: Work,
  units: StoredUnit[],
  fallbackText: string,
  status = 'unknown',
  sectors: string[] = [],
  expiry: string | null = null,
  /** Each unit's own end of validity and status, when it differs from the document's (a repealed article). */
  unitValidity: ReadonlyMap<string, { expiry: string | null; status: string; effective?: string | null }> = new Map(),
): SearchEntry[] {
  const base = {
    workId: work.id,
    documentNumber: work.number,
    documentType: work.type,
    documentTitle: work.title,
    issuers: [...new Set(work.issuers.map(issuerLabel).filter(Boolean))],
    issued: work.issued,
    effective: work.effective,
    // The end of the document's validity (services/status.ts refreshStatus): the "in force on" filter reads it.
    expiry,
    status,
    // Sector codes (domain/sectors): confirmed by a reviewer, else the top suggestions (indexWork computes them).
    sectors,
    scope: work.scope,
    province: provinceOf(work),
    version: work.version,
  };
  const wholeText = units.length > 0 ? units.map((u) => [u.heading, u.text].filter(Boolean).join(' ')).join(' ') : fallbackText;
  return [
    // The number leads the document's text, so "59/2020" or "59-2020-qh14" finds the law itself.
    { ...base, id: work.id, kind: 'document', eId: null, citation: null, title: work.title, text: oneLine(`${work.number ?? ''} ${wholeText}`) },
    ...units
      .filter((u) => UNIT_ENTRY_KINDS.has(u.kind) && (u.text.trim() !== '' || u.heading))
      .map((u) => ({
        ...base,
        id: `${work.id}#${u.eId}`,
        kind: u.kind as SearchEntry['kind'],
        eId: u.eId,
        citation: citationFromEId(u.eId),
        title: u.heading,
        text: oneLine(u.text),
        ...unitValidity.get(u.eId),
      })),
  ];
}

/**
 * Writes a work's index entries (services/changes.ts calls it for every change, with the status it just refreshed):
 * its units, or its original's text when nothing was parsed out of it, with its sector codes.
 */
export async function indexWork(
  ports: Pick<Ports, 'units' | 'blobs' | 'codification' | 'search' | 'links'>,
  work: Work,
  status: string,
  expiry: string | null = null,
  validity?: { input: StatusInput; today: string },
): Promise<void> {
  const units = work.unitSet ? await ports.units.listUnits(work.unitSet) : [];
  let fallback = '';
  if (units.length === 0) {
    // A work stored without units (nothing parsed out of it): index its original text.
    const primary = work.sources[0];
    if (!primary) return;
    const { text, format } = await readDocument(primary.fileName, await originalBytes(ports, work.id, primary));
    fallback = format === 'markdown' ? text.replace(/\*+/g, '') : text;
  }
  const suggestions = suggestSectors(
    sectorInput({
      title: work.title,
      units,
      text: fallback,
      codified: (await ports.codification.findBySource(work.id)).map((a) => ({ topic: a.topic, code: a.code })),
    }),
  );
  // A consolidated text is in force from its base's effective date (domain/status): the filter reads that start.
  const start = validity ? startOfValidity(validity.input) : work.effective;
  const own = validity ? unitValidityOf(await withUnits(ports, work, validity.input, units), units, expiry, validity.today, start) : undefined;
  const indexed = start === work.effective ? work : { ...work, effective: start };
  await ports.search.upsert(searchEntriesFor(indexed, units, fallback, status, filedSectors(work, suggestions).codes, expiry, own));
}

/** The status input with what the units tell (services/status.ts withUnitFacts). */
async function withUnits(ports: Pick<Ports, 'links'>, work: Work, input: StatusInput, units: StoredUnit[]): Promise<StatusInput> {
  return withUnitFacts(input, work, units, (await ports.links.incoming(work.id)).effects);
}

/**
 * The units whose validity ends before the document's (domain/status unitEndsOfValidity: a repealed article, the
 * articles of a repealed section): their end, and "expired" from it, for their index entries.
 */
function unitValidityOf(input: StatusInput, units: StoredUnit[], workEnd: string | null, today: string, workStart: string | null) {
  const out = new Map<string, { expiry: string | null; status: string; effective?: string | null }>();
  const eIds = units.filter((u) => UNIT_ENTRY_KINDS.has(u.kind)).map((u) => u.eId);
  for (const [eId, end] of unitEndsOfValidity(input, eIds, workEnd))
    if (end !== workEnd && end) out.set(eId, { expiry: end, status: end <= today ? 'expired' : 'in_force' });
  // Provisions with their own date of effect: the filter reads their start.
  for (const [eId, start] of unitStartsOfValidity(input, eIds, workStart))
    if (start !== workStart) {
      const seen = out.get(eId);
      const status = seen?.status === 'expired' ? 'expired' : start && start > today ? 'not_yet_in_force' : 'in_force';
      out.set(eId, { expiry: seen?.expiry ?? workEnd, status, effective: start });
    }
  return out;
}

export type SearchRequest = SearchQuery;

export interface SearchResultHit extends Omit<SearchHit, 'text'> {
  snippet: string;
  highlights: [number, number][];
  /** The article a unit hit is in, as printed (`6a`); null for a document hit. */
  articleNum: string | null;
}

function checkQuery(raw: string): string {
  const q = raw.trim();
  if (q.length > MAX_QUERY_CHARS) throw new DomainError('validation', `The query is longer than ${MAX_QUERY_CHARS} characters`);
  if (queryTerms(q).length === 0) throw new DomainError('validation', 'The query has no words to search for');
  return q;
}

function present(q: string) {
  return ({ text, ...hit }: SearchHit): SearchResultHit => {
    // An article whose words are all in its clauses matched on its heading: show the heading then.
    const s = makeSnippet(text.trim() || hit.title || '', q);
    return { ...hit, snippet: s.text, highlights: s.highlights, articleNum: hit.kind === 'codified' ? null : articleNumOf(hit.eId) };
  };
}

/** The documents a query names (by number, or title and year: known-items.ts), first; none when sorting by date. */
const namedFor = (ports: Pick<Ports, 'search'>, req: SearchRequest, q: string) =>
  req.sort === 'date' ? Promise.resolve([]) : namedDocuments(ports.search, q, req);

export async function searchDocuments(ports: Pick<Ports, 'search'>, req: SearchRequest): Promise<{ total: number; hits: SearchResultHit[]; facets?: Facets }> {
  const q = checkQuery(req.q);
  const named = await namedFor(ports, req, q);
  const res = await ports.search.search({ ...req, q, ...depthWithNamed(req.offset, req.limit, named.length) });
  const hits = pageWithNamed(res.hits, named, (h) => h.id, req.offset, req.limit);
  return { total: Math.max(res.total, named.length), hits: hits.map(present(q)), ...(res.facets ? { facets: res.facets } : {}) };
}

export interface DocumentGroup {
  workId: string;
  score: number;
  hits: SearchResultHit[];
}

/** Search answered as documents, each with its best entries (the document itself or its units). */
export async function searchGrouped(
  ports: Pick<Ports, 'search'>,
  req: SearchRequest,
  perGroup = 3,
): Promise<{ total: number; groups: DocumentGroup[]; facets?: Facets }> {
  const q = checkQuery(req.q);
  const named = await namedFor(ports, req, q);
  const res = await ports.search.searchGrouped({ ...req, q, ...depthWithNamed(req.offset, req.limit, named.length) }, perGroup);
  // A named document's group: its document entry, then its best units as ranked.
  const groups = pageWithNamed(
    res.groups,
    named.map((h) => ({ workId: h.workId, score: h.score, hits: [h] })),
    (g) => g.workId,
    req.offset,
    req.limit,
    (n, twin) => ({ ...n, hits: [...n.hits, ...(twin?.hits ?? []).filter((h) => h.kind !== 'document')].slice(0, perGroup) }),
  );
  return {
    total: Math.max(res.total, named.length),
    groups: groups.map((g) => ({ workId: g.workId, score: g.score, hits: g.hits.map(present(q)) })),
    ...(res.facets ? { facets: res.facets } : {}),
  };
}

/** Autocomplete for numbers and titles: `59/20` → Luật Doanh nghiệp 59/2020/QH14. */
export async function suggestDocuments(ports: Pick<Ports, 'search'>, prefix: string, limit: number): Promise<Suggestion[]> {
  const p = prefix.trim().slice(0, 200);
  if (queryTerms(p).length === 0) return [];
  const n = Math.min(Math.max(limit, 1), 20);
  // The engine's candidates, then what was typed first (issue 19): its number, then a title that starts with it.
  const candidates = await ports.search.suggest(p, Math.min(n * 3, 50));
  const scored = candidates.map((s, i) => ({ s, i, score: typedMatch(p, s) }));
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.slice(0, n).map((x) => x.s);
}

/** How exactly a suggestion is what was typed: its number (whole, or as typed so far), or its title's start. */
function typedMatch(typed: string, s: Suggestion): number {
  const key = referenceKey(typed);
  if (s.documentNumber && /\d/.test(typed)) {
    const number = referenceKey(s.documentNumber);
    if (number === key) return 3;
    if (number.startsWith(`${key}/`) || (number.startsWith(key) && !/[\p{L}\p{N}]$/u.test(typed))) return 2;
  }
  const words = foldedWords(typed).join(' ');
  const title = foldedWords(s.title ?? '').join(' ');
  if (words && (title === words || title.startsWith(`${words} `))) return 1;
  return 0;
}

/** The article number an eId points into, as printed: `art_6a__para_2` → `6a`; inside an attachment too. */
export function articleNumOf(eId: string | null): string | null {
  const m = eId ? /(?:^|__)art_([0-9a-z]+)/.exec(eId) : null;
  return m?.[1] ? numOfEId(m[1]) : null;
}
