/**
 * Which history events concern which subscriptions (docs/adr/0022): pure, so the local runtime and the AWS function
 * match alike. A sector or a saved search asks the search index (the dispatcher's part); everything else is here.
 */
import { createHash } from 'node:crypto';
import { citeInnermostFirst } from '../consolidate/notes';
import type { UnitDiff } from '../consolidate/engine';
import type { HistoryEvent } from '../history/types';
import { relationId } from '../history/derive';
import { RELATIONS, type Relation } from '../relations/types';
import type { Subscription, SubscriptionTarget } from './types';

/** One delivery per change per subscriber: its id is derived from both, so a replayed feed enqueues nothing twice. */
export const deliveryId = (subscriptionId: string, eventId: string) => createHash('sha256').update(`${subscriptionId}\n${eventId}`).digest('hex').slice(0, 32);

/** True when one unit is the other, or holds it (`art_5` and `art_5__para_2`, either way). */
export const eIdsOverlap = (a: string, b: string) => a === b || a.startsWith(`${b}__`) || b.startsWith(`${a}__`);

/** The work a document or unit subscription follows; null for a sector or a search. */
export const followedWork = (t: SubscriptionTarget): string | null => (t.kind === 'document' || t.kind === 'unit' ? t.workId : null);

/** The relations an event brought (relations.changed: those added; relation.reviewed: the one added or corrected). */
export function relationsBrought(event: HistoryEvent): Relation[] {
  if (event.relations) {
    const added = new Set(event.relations.added);
    return event.relations.after.filter((r) => added.has(relationId(r)));
  }
  return event.review?.relation ? [event.review.relation] : [];
}

/** Relations that change or end what they point to (amend, replace, repeal, suspend…), as the status reads them. */
const changesTarget = (r: Relation) => {
  const m = RELATIONS[r.type];
  return !!(m.changes || m.ends || m.rewords || m.suspends);
};

/** The dates on which relations brought by the event change or end this work (what a unit subscription diffs across). */
export function changeDates(event: HistoryEvent, workId: string): { date: string; by: Relation }[] {
  const out = new Map<string, Relation>();
  for (const r of relationsBrought(event))
    if (r.target.workId === workId && changesTarget(r) && r.effectiveFrom && !out.has(r.effectiveFrom)) out.set(r.effectiveFrom, r);
  return [...out].sort(([a], [b]) => a.localeCompare(b)).map(([date, by]) => ({ date, by }));
}

/** True when a relation the event brought names this unit of the work (or a unit holding it, or inside it). */
export const namesUnit = (event: HistoryEvent, workId: string, eId: string) =>
  relationsBrought(event).some((r) => r.target.workId === workId && r.target.eId !== undefined && eIdsOverlap(r.target.eId, eId));

/** The changes of a diff that concern a unit: the unit itself, those above it, those inside it. */
export const diffFor = (changes: UnitDiff[], eId: string) => changes.filter((c) => eIdsOverlap(c.eId, eId));

/** `dd/mm/yyyy`, as notices write dates. */
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** "Khoản 2 Điều 5 của 09/2022/TT-BLĐTBXH thay đổi từ ngày 01/07/2024 theo 12/2024/TT-BLĐTBXH". */
export function unitMessage(eId: string, document: string, date: string | null, by: string | null): string {
  const cite = citeInnermostFirst(eId);
  const head = `${cite.charAt(0).toUpperCase()}${cite.slice(1)} của ${document} thay đổi`;
  return `${head}${date ? ` từ ngày ${dmy(date)}` : ''}${by ? ` theo ${by}` : ''}`;
}

/** Subscriptions that follow the event's work directly (document or unit), by work id. */
export function byWork(subscriptions: Subscription[]): Map<string, Subscription[]> {
  const out = new Map<string, Subscription[]>();
  for (const s of subscriptions) {
    const w = followedWork(s.target);
    if (w) out.set(w, [...(out.get(w) ?? []), s]);
  }
  return out;
}
