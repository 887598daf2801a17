/**
 * Browsing without a query (issue 21): the documents that pass the search filters, from the search index — the same
 * filters and the same facet counts as a search (docs/adr/0008), so a browse's counts are a search's for the same
 * filters — in a stable order, paged by keys. Within a window of dates, each document's change of validity (it takes
 * effect, or it ends) with its ground, from the status engine (docs/adr/0018): the index finds the few documents whose
 * stored start or end falls in the window, and the engine says what happens on that date and why.
 */
import { dayBefore } from '../dates';
import { DomainError } from '../errors';
import type { Work } from '../model';
import type { BrowseAfter, BrowseQuery, BrowseSort, Facets, Ports, SearchFilters } from '../ports';
import { endOfValidity, type Reason, type StatusCode, type StatusInput, startOfValidity, statusAt } from '../status/engine';
import { statusInputFor } from './status';

export interface BrowseRequest extends Omit<SearchFilters, 'scope'> {
  limit: number;
  sort?: BrowseSort;
  after?: BrowseAfter;
  facets?: boolean;
  /** Documents issued in this year (shorthand for issuedFrom/issuedTo; these win when given). */
  year?: number;
}

/** A document's validity beginning or ending on a date, with the status from then and the ground. */
export interface ValidityChange {
  kind: 'takes_effect' | 'ends';
  date: string;
  status: StatusCode;
  label: string;
  /** The status the day before. */
  before: StatusCode;
  reasons: Reason[];
}

export interface BrowsedDocument {
  work: Work;
  /** With a window of dates (effectiveFrom/To, expiryFrom/To): the changes of its validity within it. */
  changes?: ValidityChange[];
}

export interface Browse {
  total: number;
  items: BrowsedDocument[];
  next: BrowseAfter | null;
  facets?: Facets;
}

const ordered = (from: string | undefined, to: string | undefined, name: string) => {
  if (from && to && from > to) throw new DomainError('validation', `${name}From (${from}) is after ${name}To (${to})`);
};

/** The index query of a browse request: `year` as dates of issue, the order (by id unless asked). */
export function browseQuery(req: BrowseRequest): BrowseQuery {
  const { year, sort, ...rest } = req;
  const issuedFrom = req.issuedFrom ?? (year ? `${year}-01-01` : undefined);
  const issuedTo = req.issuedTo ?? (year ? `${year}-12-31` : undefined);
  ordered(issuedFrom, issuedTo, 'issued');
  ordered(req.effectiveFrom, req.effectiveTo, 'effective');
  ordered(req.expiryFrom, req.expiryTo, 'expiry');
  return { ...rest, sort: sort ?? 'id', ...(issuedFrom ? { issuedFrom } : {}), ...(issuedTo ? { issuedTo } : {}) };
}

const within = (d: string | null, from: string | undefined, to: string | undefined): d is string =>
  d !== null && (from === undefined || d >= from) && (to === undefined || d <= to);

function changeAt(input: StatusInput, kind: ValidityChange['kind'], date: string): ValidityChange {
  const now = statusAt(input, date);
  return { kind, date, status: now.status, label: now.label, before: statusAt(input, dayBefore(date)).status, reasons: now.reasons };
}

/**
 * The changes of a work's validity within the windows asked, as the status engine computes them now: its start
 * (startOfValidity: a consolidated text starts with the text it consolidates) and its end (endOfValidity).
 */
export async function validityChanges(ports: Pick<Ports, 'works' | 'links'>, work: Work, q: SearchFilters): Promise<ValidityChange[]> {
  const input = await statusInputFor(ports, work);
  const out: ValidityChange[] = [];
  if (q.effectiveFrom || q.effectiveTo) {
    const start = startOfValidity(input);
    if (within(start, q.effectiveFrom, q.effectiveTo)) out.push(changeAt(input, 'takes_effect', start));
  }
  if (q.expiryFrom || q.expiryTo) {
    const end = endOfValidity(input);
    if (within(end, q.expiryFrom, q.expiryTo)) out.push(changeAt(input, 'ends', end));
  }
  return out;
}

/**
 * One page of documents passing the filters, with the total and (when asked) the facets over every page. The works
 * are read from the store: a document the index still holds but the store no longer lists (withdrawn, removed) is
 * left out, and so is one whose change the engine no longer places within the window asked (an index not yet
 * refreshed), so a page may hold fewer than `limit`.
 */
export async function browseDocuments(ports: Pick<Ports, 'search' | 'works' | 'links'>, req: BrowseRequest): Promise<Browse> {
  const query = browseQuery(req);
  const res = await ports.search.browse(query);
  const works = await Promise.all(res.hits.map((h) => ports.works.get(h.workId)));
  const windowed = Boolean(query.effectiveFrom || query.effectiveTo || query.expiryFrom || query.expiryTo);
  const items: BrowsedDocument[] = [];
  for (const work of works) {
    if (!work || work.withdrawn) continue;
    if (!windowed) {
      items.push({ work });
      continue;
    }
    const changes = await validityChanges(ports, work, query);
    if (changes.length > 0) items.push({ work, changes });
  }
  return { total: res.total, items, next: res.next, ...(res.facets ? { facets: res.facets } : {}) };
}
