/**
 * Pure derivations for the history: the events a change produces (deterministic ids, so replays append nothing),
 * what the database said at an earlier moment (asRecordedAt), and relations after reviewers' edits.
 */
import { createHash } from 'node:crypto';
import { DOCUMENT_TYPE_LABELS, type Work } from '../model';
import { RELATION_LABELS, type Relation } from '../relations/types';
import type { DocumentSnapshot, HistoryEvent, RelationReview } from './types';

const shortHash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** A relation's stable id: what it says and where the text says it. Reviewers name relations by it. */
export function relationId(r: Relation): string {
  return shortHash([
    r.type,
    r.source.workId,
    r.source.eId ?? null,
    r.target.workId,
    r.target.number,
    r.target.eId ?? null,
    r.effectiveFrom,
    r.effectiveTo ?? null,
    r.evidence.line,
    r.origin,
    r.origin === 'reviewer' ? r.evidence.text : null,
  ]);
}

export function snapshotOf(work: Work): DocumentSnapshot {
  return {
    version: work.version,
    number: work.number,
    type: work.type,
    title: work.title,
    issued: work.issued,
    effective: work.effective,
    sources: work.sources.map((s) => s.sha256),
    unitSet: work.unitSet,
    unitCount: work.unitCount,
    ...(work.withdrawn ? { withdrawn: work.withdrawn } : {}),
  };
}

const nameOf = (s: Pick<DocumentSnapshot, 'type' | 'number'> | Pick<Work, 'type' | 'number' | 'id'>) =>
  `${DOCUMENT_TYPE_LABELS[s.type]} ${s.number ?? ('id' in s ? s.id : '')}`.trim();

const FIELD_LABELS: Record<keyof DocumentSnapshot, string> = {
  version: 'phiên bản',
  number: 'số hiệu',
  type: 'loại văn bản',
  title: 'trích yếu',
  issued: 'ngày ban hành',
  effective: 'ngày có hiệu lực',
  sources: 'tệp nguồn',
  unitSet: 'nội dung',
  unitCount: 'số đơn vị',
  withdrawn: 'rút khỏi cơ sở dữ liệu',
};

/** The event for a stored version of a document, or null when the history already has that version. */
export function documentEvent(
  work: Work,
  previous: DocumentSnapshot | null,
  who: { actor: string; reason: string | null },
  recordedAt: string,
): HistoryEvent | null {
  if (previous && previous.version >= work.version) return null;
  const after = snapshotOf(work);
  const changed = previous
    ? ([...new Set([...Object.keys(after), ...Object.keys(previous)])] as (keyof DocumentSnapshot)[]).filter(
        (k) => k !== 'version' && JSON.stringify(after[k]) !== JSON.stringify(previous[k]),
      )
    : [];
  const created = previous === null;
  return {
    id: `${work.id}:doc:v${work.version}`,
    workId: work.id,
    kind: created ? 'document.created' : 'document.updated',
    recordedAt,
    actor: who.actor,
    reason: who.reason,
    summary: created
      ? `Tiếp nhận ${nameOf(work)}`
      : changed.includes('withdrawn')
        ? `${after.withdrawn ? 'Rút' : 'Khôi phục'} ${nameOf(work)}`
        : `Cập nhật ${nameOf(work)}${changed.length ? `: ${changed.map((k) => FIELD_LABELS[k]).join(', ')}` : ''}`,
    document: after,
    changed,
  };
}

/** The works a relation concerns: its source and its target. */
function concerns(r: Relation, workId: string): boolean {
  return r.source.workId === workId || r.target.workId === workId;
}

/**
 * Events for a change of the relations `holder` holds: one in the holder's history, and one in the history of each
 * other document whose relations from this holder changed. `version` is the holder's version the change was read from.
 */
export function relationEvents(
  holder: string,
  version: number,
  before: Relation[],
  after: Relation[],
  who: { actor: string; reason: string | null },
  recordedAt: string,
): HistoryEvent[] {
  const ids = (rs: Relation[]) => new Set(rs.map(relationId));
  const concerned = new Set<string>([holder]);
  for (const r of [...before, ...after]) for (const id of [r.source.workId, r.target.workId]) if (id) concerned.add(id);
  const events: HistoryEvent[] = [];
  for (const workId of concerned) {
    const b = workId === holder ? before : before.filter((r) => concerns(r, workId));
    const a = workId === holder ? after : after.filter((r) => concerns(r, workId));
    const bIds = ids(b);
    const aIds = ids(a);
    const added = [...aIds].filter((id) => !bIds.has(id));
    const removed = [...bIds].filter((id) => !aIds.has(id));
    if (added.length === 0 && removed.length === 0) continue;
    const addedTypes = [...new Set(a.filter((r) => added.includes(relationId(r))).map((r) => RELATION_LABELS[r.type].outgoing))];
    events.push({
      id: `${workId}:rel:${holder}:v${version}:${shortHash([...aIds].sort())}`,
      workId,
      kind: 'relations.changed',
      recordedAt,
      actor: who.actor,
      reason: who.reason,
      summary:
        `Quan hệ ${workId === holder ? 'của văn bản' : `từ ${holder}`}: ${added.length} thêm, ${removed.length} bỏ` +
        (addedTypes.length ? ` (${addedTypes.join(', ')})` : ''),
      relations: { holder, after: a, added, removed },
    });
  }
  return events;
}

/** The event for a change of a document's stored status, or null when it did not change. */
export function statusEvent(
  workId: string,
  previous: string | null,
  next: { status: string; label: string; reasons: { message: string }[] },
  on: string,
  recordedAt: string,
): HistoryEvent | null {
  if (previous === next.status) return null;
  return {
    // `on` is the legal date the status took hold: with the previous status it names this change once.
    id: `${workId}:status:${on}:${previous ?? 'none'}>${next.status}`,
    workId,
    kind: 'status.changed',
    recordedAt,
    actor: 'system',
    reason: next.reasons[0]?.message ?? null,
    summary: `Tình trạng hiệu lực: ${next.label} (từ ngày ${on})`,
    status: { from: previous, to: next.status, on, reasons: next.reasons.map((r) => r.message) },
  };
}

/** The event for a reviewer's edit, in the history of the document whose relations were edited. */
export function reviewEvent(workId: string, review: RelationReview): HistoryEvent {
  const verb = { add: 'thêm', correct: 'sửa', remove: 'bỏ' }[review.action];
  return {
    id: `${workId}:review:${review.id}`,
    workId,
    kind: 'relation.reviewed',
    recordedAt: review.at,
    actor: review.actor,
    reason: review.reason,
    summary: `Người rà soát ${verb} một quan hệ${review.relation ? `: ${RELATION_LABELS[review.relation.type].outgoing} ${review.relation.target.number ?? review.relation.target.workId ?? ''}` : ''}`,
    review,
  };
}

/** Relations as reviewers left them: extracted ones minus those removed or corrected, plus those added or corrected. */
export function applyReviews(extracted: Relation[], reviews: readonly RelationReview[]): Relation[] {
  const gone = new Set(reviews.filter((r) => r.action !== 'add' && r.relationId).map((r) => r.relationId as string));
  const added = reviews.filter((r) => r.action !== 'remove' && r.relation).map((r) => r.relation as Relation);
  const kept = [...extracted, ...added].filter((r) => !gone.has(relationId(r)));
  return kept;
}

/** What the database said about a document at `asRecordedAt`: its facts, its relations both ways, its stored status. */
export interface RecordedState {
  document: DocumentSnapshot | null;
  outgoing: Relation[];
  incoming: Relation[];
  status: HistoryEvent['status'] | null;
  /** The events up to that moment, oldest first. */
  events: HistoryEvent[];
}

export function recordedState(workId: string, events: readonly HistoryEvent[], asRecordedAt: string): RecordedState {
  const upTo = events.filter((e) => e.recordedAt <= asRecordedAt).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id));
  let document: DocumentSnapshot | null = null;
  let status: HistoryEvent['status'] | null = null;
  const byHolder = new Map<string, Relation[]>();
  for (const e of upTo) {
    if (e.document) document = e.document;
    if (e.status) status = e.status;
    if (e.relations) byHolder.set(e.relations.holder, e.relations.after);
  }
  const all = [...byHolder.values()].flat();
  return {
    document,
    outgoing: all.filter((r) => r.source.workId === workId),
    incoming: all.filter((r) => r.target.workId === workId && r.source.workId !== workId),
    status,
    events: upTo,
  };
}
