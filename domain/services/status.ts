/**
 * Status of a document, or one of its units, at a date, with the reasons (domain/status), from the work's dates and
 * the relations that point at it; and the relations diagram (lược đồ) of a document.
 */
import type { Work } from '../model';
import type { LinkRepository, Ports, WorkRepository } from '../ports';
import { vietnamDate } from '../dates';
import { relationId, statusEvent } from '../history/derive';
import { notFound } from '../errors';
import { RELATION_LABELS, type Relation, type RelationType, relationTypesWhere } from '../relations/types';
import { findReferences, NOT_NUMBER } from '../parse/references';
import { isLocalNumber, referenceKey, referenceNameKey, workIdFor } from '../refs';
import {
  documentName,
  endOfValidity,
  type PendingAmendment,
  STATUS_LABELS,
  type StatusInput,
  type StatusResult,
  statusAt,
  statusChangeDates,
  statusSince,
  unitStatusAt,
  uniqueRelations,
} from '../status/engine';
import { amendmentsListed, baseSource, representedAt } from '../status/consolidated-texts';
import { buildTree, type StoredUnit } from '../units';
import { textEnds } from '../consolidate/validity';
import type { Effect } from '../effects/types';
import { unitCommencements } from '../status/commencement';
import { normalizeText } from '../text/normalize';
import { citationFromEId } from '../units';
import { recordedView, resolveOrPlaceholder } from './history';

/** How far up the chain of parents (the law a decree details) a status looks. */
const PARENT_DEPTH = 2;
const PARENT_TYPES = relationTypesWhere('parent');

/** The status engine's input for a work: its dates, its incoming relations, and its parents' inputs. */
/** What the status needs to read: the store, or the history's view of it at an earlier moment (services/history.ts). */
export interface StatusSources {
  works: Pick<WorkRepository, 'get'>;
  links: Pick<LinkRepository, 'incoming' | 'outgoing'>;
}

/**
 * The status engine's input for a work: its dates, its incoming relations, its parents' inputs; for a consolidated
 * text (VBHN), the input of the work it consolidates (its validity is that work's); the amendments official
 * consolidated texts list whose text is not in the database; and, when given its units, which unit contains which.
 */
export async function statusInputFor(
  ports: StatusSources,
  work: Work,
  depth = 0,
  units?: StoredUnit[],
  /** `textEnds: false`: the caller has the consolidated text itself, which leaves those units out (services/consolidation.ts). */
  options: { textEnds?: boolean } = {},
): Promise<StatusInput> {
  // Each change once, and a source with no number named as a person would (its type, title, date): the reasons read both.
  const names = new Map<string, string | undefined>();
  const named: Relation[] = [];
  const links = await ports.links.incoming(work.id);
  for (const r of links.relations.filter((x) => x.source.workId !== work.id)) {
    if (!r.source.number && !names.has(r.source.workId)) {
      const source = await ports.works.get(r.source.workId);
      names.set(r.source.workId, source ? documentName(source) : undefined);
    }
    const name = r.source.number ? undefined : names.get(r.source.workId);
    named.push(name ? { ...r, source: { ...r.source, name } } : r);
  }
  const incoming = uniqueRelations(named);
  const parents: StatusInput[] = [];
  const outgoing = (await ports.links.outgoing(work.id)).relations;
  if (depth < PARENT_DEPTH)
    for (const id of new Set(outgoing.filter((r) => PARENT_TYPES.includes(r.type) && r.target.workId).map((r) => r.target.workId as string))) {
      const parent = await ports.works.get(id);
      if (parent) parents.push(await statusInputFor(ports, parent, depth + 1));
    }
  const input: StatusInput = {
    work: { id: work.id, number: work.number, type: work.type, issued: work.issued, effective: work.effective, ...(work.number ? {} : { title: work.title }) },
    incoming,
    parents,
  };
  const base = depth === 0 ? await baseWorkOf(ports, work, outgoing) : null;
  if (base) input.base = await statusInputFor(ports, base, depth + 1);
  // A parent's input only says whether it ended (a flag here): what amends it does not matter.
  const pending = depth === 0 ? await pendingAmendments(ports, work, incoming) : [];
  if (pending.length > 0) input.pending = pending;
  return units ? withUnitFacts(input, work, units, options.textEnds === false ? [] : links.effects) : input;
}

/**
 * The status input with what the work's units tell (one place, for status, texts and the index): which unit contains
 * which; which units the amended text no longer holds (they end with the effect that removed them: a clause dropped
 * by new wording); which provisions take effect on their own dates.
 */
export function withUnitFacts(input: StatusInput, work: Work, units: StoredUnit[], effects: Effect[]): StatusInput {
  const out: StatusInput = { ...input, containers: new Map(units.map((u) => [u.eId, u.parent])) };
  const acting = effects.filter((e) => e.source.workId !== work.id && e.effectiveFrom);
  const ends = acting.length > 0 ? textEnds({ workId: work.id, units: buildTree(units), effective: work.effective }, acting) : [];
  if (ends.length > 0) out.textEnds = ends;
  const starts = unitCommencements(units, work.issued, work.effective);
  if (starts.length > 0) out.commencements = starts;
  return out;
}

/** The work a consolidated text consolidates, when the database holds it (domain/status/consolidated-texts.ts). */
async function baseWorkOf(ports: StatusSources, work: Work, outgoing: Relation[]): Promise<Work | null> {
  const base = baseSource(work);
  if (!base?.number) return null;
  const key = referenceKey(base.number);
  const r = outgoing.find((x) => x.type === 'consolidates' && x.target.workId && x.target.number && referenceKey(x.target.number) === key);
  return r?.target.workId ? ports.works.get(r.target.workId) : null;
}

/**
 * The amendments of `work` that a consolidated text in the database lists (its base being this work) and whose text
 * the database does not hold, each once, from the newest consolidated text that lists it.
 */
async function pendingAmendments(ports: StatusSources, work: Work, incoming: Relation[]): Promise<PendingAmendment[]> {
  if (!work.number) return [];
  const key = referenceKey(work.number);
  const out = new Map<string, PendingAmendment>();
  const seenAt = new Map<string, string>();
  const heard = new Set(incoming.map((r) => r.source.workId));
  for (const id of new Set(incoming.filter((r) => r.type === 'consolidates').map((r) => r.source.workId))) {
    const vbhn = await ports.works.get(id);
    const base = vbhn ? baseSource(vbhn) : null;
    if (!vbhn || !base?.number || referenceKey(base.number) !== key) continue;
    for (const listed of amendmentsListed(vbhn)) {
      const number = listed.number as string;
      const lkey = referenceKey(number);
      // The id the relation extractor gives the listed document (domain/relations/context.ts targetOf).
      const held = workIdFor({ number, issued: listed.date, place: isLocalNumber(number) ? vbhn.place : null });
      if (heard.has(held) || (await ports.works.get(held))) continue;
      const seen = out.get(lkey);
      // The newest consolidated text (the latest version it represents) is the one to cite.
      if (!seen || (seenAt.get(lkey) ?? '') < (representedAt(vbhn) ?? '')) {
        seenAt.set(lkey, representedAt(vbhn) ?? '');
        out.set(lkey, { number: listed.number as string, effective: listed.effective, via: { workId: vbhn.id, number: vbhn.number } });
      }
    }
  }
  // An official list's row saying the work was amended by a document the database does not hold.
  for (const r of incoming) {
    if (r.type !== 'announces' || !r.note) continue;
    const at = r.note.search(AMENDED_BY_RE);
    if (at < 0) continue;
    for (const ref of findReferences(r.note.slice(at))) {
      if (!ref.number) continue;
      const lkey = referenceKey(ref.number);
      const held = workIdFor({ number: ref.number, issued: ref.date, place: isLocalNumber(ref.number) ? work.place : null });
      if (out.has(lkey) || heard.has(held) || (await ports.works.get(held))) continue;
      out.set(lkey, { number: ref.number, effective: r.effectiveFrom, via: { workId: r.source.workId, number: r.source.number } });
    }
  }
  // A relation a reviewer entered from a document the database does not hold: its text is missing too.
  for (const r of incoming) {
    if (r.type !== 'amends' || r.origin !== 'reviewer' || !r.source.number) continue;
    const lkey = referenceKey(r.source.number);
    if (out.has(lkey) || (await ports.works.get(r.source.workId))) continue;
    out.set(lkey, {
      number: r.source.number,
      effective: r.effectiveFrom,
      via: { workId: r.source.workId, number: r.source.number },
      relation: true,
      ...(r.target.eId ? { eId: r.target.eId } : {}),
    });
  }
  return [...out.values()].sort((a, b) => (a.effective ?? '').localeCompare(b.effective ?? ''));
}

/** "Được sửa đổi, bổ sung, thay thế bởi Thông tư số …" in an official list's note. */
const AMENDED_BY_RE = /sửa đổi[^.;]{0,40}?bởi/iu;

export interface DocumentStatus extends StatusResult {
  documentId: string;
  documentNumber: string | null;
  at: string;
  eId: string | null;
  citation: string | null;
  /** The date from which this status holds (the last change on or before `at`), or null. */
  since: string | null;
  /** The dates on which this document's status changes (past and future). */
  changes: string[];
  /** Amendments known (from a VBHN's list, an official list's note, a reviewer's relation) whose text the database lacks. */
  pending: PendingAmendment[];
  /** For a consolidated text (VBHN): the work it consolidates and the date of the version it represents. */
  consolidates?: { workId: string; number: string | null; at: string | null } | null;
  /** False for a placeholder: a document other documents cite that is not in the database yet. */
  inDatabase: boolean;
  /** When asked as recorded at an earlier moment: that moment. */
  asRecordedAt?: string;
}

/**
 * Status of a document (or of one of its units when `eId` is given) at `at`, with reasons and flags; with
 * `asRecordedAt`, what the database would have answered at that moment (from the history).
 */
export async function documentStatus(
  ports: Pick<Ports, 'works' | 'links' | 'history' | 'units'>,
  ref: string,
  at: string,
  eId?: string,
  asRecordedAt?: string,
): Promise<DocumentStatus> {
  let { work, placeholder } = await resolveOrPlaceholder(ports, ref);
  let sources: StatusSources = ports;
  if (asRecordedAt) {
    const view = recordedView(ports, asRecordedAt);
    sources = view;
    if (!placeholder) {
      const then = await view.works.get(work.id);
      if (!then) throw notFound(`Document "${ref}" as recorded at ${asRecordedAt}`, { ref, asRecordedAt });
      work = then;
    }
  }
  // A unit's status reads which units contain it (a clause of an article inside a repealed section).
  const units = eId && work.unitSet ? await ports.units.listUnits(work.unitSet) : undefined;
  const input = await statusInputFor(sources, work, 0, units);
  const result = eId ? unitStatusAt(input, eId, at) : statusAt(input, at);
  const changes = statusChangeDates(input);
  return {
    documentId: work.id,
    documentNumber: work.number,
    at,
    eId: eId ?? null,
    citation: eId ? citationFromEId(eId) : null,
    ...result,
    since: statusSince(input, at, changes),
    changes,
    pending: input.pending ?? [],
    ...(work.type === 'van_ban_hop_nhat'
      ? { consolidates: input.base ? { workId: input.base.work.id, number: input.base.work.number, at: representedAt(work) } : null }
      : {}),
    inDatabase: !placeholder,
    ...(asRecordedAt ? { asRecordedAt } : {}),
  };
}

export interface RelationView {
  /** Stable id: reviewers correct or remove a relation by it. */
  id: string;
  type: RelationType;
  direction: 'outgoing' | 'incoming';
  label: string;
  /** The other document: its id (a placeholder id when it is not in the database), number and whether we hold it. */
  other: { workId: string | null; number: string | null; title: string | null; text: string; inDatabase: boolean };
  /** The unit of this document concerned, and the unit of the other one. */
  eId: string | null;
  otherEId: string | null;
  effectiveFrom: string | null;
  evidence: string;
  origin: Relation['origin'];
}

/** The relations diagram: every relation of a document, both directions, grouped by type and direction. */
export async function documentRelations(ports: Pick<Ports, 'works' | 'links' | 'history'>, ref: string, asRecordedAt?: string) {
  const { work, placeholder } = await resolveOrPlaceholder(ports, ref);
  const links = asRecordedAt ? recordedView(ports, asRecordedAt).links : ports.links;
  const [out, inc] = await Promise.all([links.outgoing(work.id), links.incoming(work.id)]);
  const titles = new Map<string, Work | null>();
  const lookup = async (id: string | null) => {
    if (!id) return null;
    if (!titles.has(id)) titles.set(id, await ports.works.get(id));
    return titles.get(id) ?? null;
  };
  const views: RelationView[] = [];
  // A relation a reviewer entered from a document not in the database is held by this one: it is incoming, not a
  // relation of this document to itself.
  for (const r of out.relations) {
    if (r.source.workId !== work.id) continue;
    const other = await lookup(r.target.workId);
    views.push({
      id: relationId(r),
      type: r.type,
      direction: 'outgoing',
      label: RELATION_LABELS[r.type].outgoing,
      other: {
        workId: r.target.workId,
        number: r.target.number ?? other?.number ?? null,
        title: other?.title ?? null,
        text: r.target.text,
        inDatabase: !!other,
      },
      eId: r.source.eId ?? null,
      otherEId: r.target.eId ?? null,
      effectiveFrom: r.effectiveFrom,
      evidence: r.evidence.text,
      origin: r.origin,
    });
  }
  for (const r of inc.relations) {
    if (r.source.workId === work.id) continue;
    const other = await lookup(r.source.workId);
    views.push({
      id: relationId(r),
      type: r.type,
      direction: 'incoming',
      label: RELATION_LABELS[r.type].incoming,
      other: {
        workId: r.source.workId,
        number: r.source.number ?? other?.number ?? null,
        title: other?.title ?? null,
        text: other?.title ?? r.source.number ?? r.source.workId,
        inDatabase: !!other,
      },
      eId: r.target.eId ?? null,
      otherEId: r.source.eId ?? null,
      effectiveFrom: r.effectiveFrom,
      evidence: r.evidence.text,
      origin: r.origin,
    });
  }
  const groups = new Map<string, RelationView[]>();
  for (const v of views) {
    const key = `${v.direction}:${v.type}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return {
    documentId: work.id,
    documentNumber: work.number,
    inDatabase: !placeholder,
    ...(asRecordedAt ? { asRecordedAt } : {}),
    groups: [...groups.entries()].map(([key, items]) => {
      const [direction, type] = key.split(':') as ['outgoing' | 'incoming', RelationType];
      return { type, direction, label: RELATION_LABELS[type][direction], count: items.length, relations: items };
    }),
  };
}

/** Bare numbers on a line of their own or in a list: `59/2020/QH14`, `Nghị định 15/2020/NĐ-CP`. */
/** (A date written with slashes is never one: parse/references.ts NOT_NUMBER.) */
const BARE_NUMBER_RE = new RegExp(String.raw`(?<![\p{L}\p{N}/])(?!${NOT_NUMBER})\d{1,5}[a-zA-Z]?(?:\/[\p{L}\p{N}.-]+){1,4}(?![\p{L}\p{N}])`, 'gu');
const MAX_CITATIONS = 200;

/**
 * The status-check of a list of citations or of a draft's căn cứ block: every document named (by number, or by
 * type and date), its status at `at` with reasons; a document not in the database says so (status unknown).
 */
export async function checkCitations(ports: Pick<Ports, 'works' | 'links'>, text: string, at: string) {
  const seen = new Set<string>();
  const cited: { citation: string; number: string | null; nameKey: string | null }[] = [];
  for (const line of normalizeText(text).split('\n')) {
    const refs = findReferences(line);
    const numbers = new Set(refs.map((r) => r.number).filter((n): n is string => !!n));
    for (const r of refs) cited.push({ citation: r.text.trim(), number: r.number, nameKey: referenceNameKey(r) });
    for (const m of line.matchAll(BARE_NUMBER_RE)) if (!numbers.has(m[0])) cited.push({ citation: m[0], number: m[0], nameKey: null });
  }
  const items = [];
  const listed = new Set<string>();
  for (const c of cited.slice(0, MAX_CITATIONS)) {
    const key = c.number ? referenceKey(c.number) : (c.nameKey ?? c.citation);
    if (seen.has(key)) continue;
    seen.add(key);
    // By number; a law cited by name and date ("Luật Doanh nghiệp ngày 17 tháng 6 năm 2020") by its name key.
    const found = c.number ? await ports.works.findByReferenceKey(referenceKey(c.number)) : c.nameKey ? await ports.works.findByNameKey(c.nameKey) : [];
    // A withdrawn document (services/withdrawal.ts) was ingested by mistake: it is not in the database for a căn cứ.
    const works = found.filter((w) => !w.withdrawn);
    const work = works.length === 1 ? works[0] : undefined;
    // One document cited twice (by number and by name, or by date and by year) is listed once.
    if (work && listed.has(work.id)) continue;
    if (work) listed.add(work.id);
    if (!work) {
      items.push({
        citation: c.citation,
        documentId: null,
        documentNumber: c.number,
        inDatabase: false,
        status: 'unknown' as const,
        label: STATUS_LABELS.unknown,
        reasons: [
          {
            code: 'not_in_database',
            message:
              works.length > 1
                ? `${c.number ?? c.citation} khớp với ${works.length} văn bản (${works.map((w) => w.id).join(', ')}): cần ghi rõ năm hoặc cơ quan ban hành`
                : c.number
                  ? `Văn bản ${c.number} chưa có trong Cơ sở dữ liệu`
                  : c.nameKey
                    ? `Văn bản ${c.citation} chưa có trong Cơ sở dữ liệu`
                    : 'Trích dẫn không ghi số, ký hiệu văn bản',
            date: null,
          },
        ],
        flags: [],
      });
      continue;
    }
    const s = statusAt(await statusInputFor(ports, work), at);
    items.push({ citation: c.citation, documentId: work.id, documentNumber: work.number, inDatabase: true, ...s });
  }
  return { at, items };
}

/**
 * The daily sweep: works whose status changes on a date in (since, today] — an effective date reached, a repeal or
 * suspension beginning or ending — get their stored status (the search index's) refreshed. `since` null: every
 * change date up to today (the local runtime at start). Returns the ids refreshed.
 */
/**
 * The status of a work today (Vietnam's date) from the relations that point at it, and, when it differs from the last
 * one its history records, a `status.changed` event there: the status refresh of the change stream and of the daily
 * sweep (services/changes.ts). Returns the status the search index stores, and the date the validity ended (the end
 * the index's "in force on" filter reads).
 */
export async function refreshStatus(
  ports: Pick<Ports, 'works' | 'links' | 'history' | 'clock'>,
  work: Work,
): Promise<StatusResult & { expiry: string | null; input: StatusInput }> {
  const today = vietnamDate(ports.clock.now());
  const input = await statusInputFor(ports, work);
  const result = statusAt(input, today);
  const last = (await ports.history.forWork(work.id)).filter((e) => e.status).pop()?.status?.to ?? null;
  // The event carries the legal date the status took hold (an expiry noticed late is dated when it happened).
  const on = statusSince(input, today) ?? work.effective ?? today;
  const event = statusEvent(work.id, last, result, on, ports.clock.now().toISOString());
  if (event) await ports.history.append([event]);
  return { ...result, expiry: endOfValidity(input), input };
}

export async function sweepStatuses(ports: Ports, today: string, since: string | null, refresh: (ids: string[]) => Promise<unknown>): Promise<string[]> {
  const due: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await ports.works.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const work of page.items) {
      // With the dates provisions take effect on their own: their index entries' status changes then.
      const dates = [...statusChangeDates(await statusInputFor(ports, work)), ...(work.provisionDates ?? [])];
      if (dates.some((d) => d <= today && (since === null || d > since))) due.push(work.id);
    }
    cursor = page.nextCursor;
  } while (cursor);
  for (let i = 0; i < due.length; i += 25) await refresh(due.slice(i, i + 25));
  return due;
}
