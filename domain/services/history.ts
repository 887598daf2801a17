/**
 * The history of documents (append-only events: who, what, when, why), the change feed, reviewers' edits of
 * relations, what the database said at an earlier moment (asRecordedAt), and placeholders for cited documents that
 * are not in the database yet.
 */
import { createHash } from 'node:crypto';
import { isCalendarDate } from '../dates';
import { ConflictError, DomainError, notFound } from '../errors';
import { documentEvent, recordedState, relationId, reviewEvent } from '../history/derive';
import type { HistoryEvent, RelationReview } from '../history/types';
import type { DocumentType, Work } from '../model';
import type { Links, Ports } from '../ports';
import { referenceKey, referenceTitle, WORK_ID_RE, workIdFor } from '../refs';
import { RELATION_TYPES, type Relation, type RelationType } from '../relations/types';
import { resolveWork } from './documents';

/** Appends the event of each work's current version (the stream consumer's first step). Replays append nothing. */
export async function recordDocumentVersions(ports: Pick<Ports, 'works' | 'history' | 'clock'>, ids: string[]): Promise<void> {
  for (const id of new Set(ids)) {
    const work = await ports.works.get(id);
    if (!work) continue;
    const previous = (await ports.history.forWork(id)).filter((e) => e.document).pop()?.document ?? null;
    const who = work.lastChange ? { actor: work.lastChange.actor, reason: work.lastChange.reason } : { actor: 'system', reason: null };
    const event = documentEvent(work, previous, who, ports.clock.now().toISOString());
    if (event) await ports.history.append([event]);
  }
}

function checkMoment(asRecordedAt: string | undefined): string | undefined {
  if (asRecordedAt === undefined) return undefined;
  const t = Date.parse(asRecordedAt);
  if (!/^\d{4}-\d{2}-\d{2}/.test(asRecordedAt) || Number.isNaN(t) || (asRecordedAt.length === 10 && !isCalendarDate(asRecordedAt)))
    throw new DomainError('validation', `asRecordedAt: ${asRecordedAt} is not a date or a date-time`);
  // A bare date means the end of that day in Vietnam (UTC+7): what the database said by then.
  return asRecordedAt.length === 10 ? new Date(Date.parse(`${asRecordedAt}T23:59:59.999+07:00`)).toISOString() : new Date(t).toISOString();
}

/** A document's history, oldest first; with `asRecordedAt`, only what had been recorded by then. */
export async function documentHistory(ports: Pick<Ports, 'works' | 'history'>, ref: string, asRecordedAt?: string) {
  const until = checkMoment(asRecordedAt);
  const work = await resolveWork(ports.works, ref);
  const events = await ports.history.forWork(work.id);
  return {
    documentId: work.id,
    documentNumber: work.number,
    ...(until ? { asRecordedAt: until } : {}),
    events: until ? events.filter((e) => e.recordedAt <= until) : events,
  };
}

/** The change feed: every event after the cursor, in the order recorded. */
export async function changesSince(ports: Pick<Ports, 'history'>, since: string | null, limit: number) {
  return ports.history.feed(since, limit);
}

/**
 * A cited document that is not in the database: a placeholder made from what the citing documents say of it (number,
 * type, issuer), so that its relations and status can be asked for. Null when nothing points to `ref`.
 */
export async function placeholderFor(ports: Pick<Ports, 'links'>, ref: string): Promise<{ work: Work; incoming: Links } | null> {
  const trimmed = ref.trim();
  if (!trimmed || trimmed.length > 200) return null;
  const candidates = new Set<string>();
  if (WORK_ID_RE.test(trimmed)) candidates.add(trimmed);
  if (/\d/.test(trimmed) && trimmed.includes('/')) candidates.add(workIdFor({ number: trimmed, issued: null, place: null }));
  for (const id of candidates) {
    const incoming = await ports.links.incoming(id);
    // Cited by number, or by name and date (a placeholder keyed by its name: refs.ts workIdForName).
    const named = incoming.relations.find((r) => r.target.workId === id && (r.target.number || r.target.nameKey));
    if (!named && incoming.effects.length === 0) continue;
    const t = named?.target;
    const work: Work = {
      id,
      number: t?.number ?? null,
      type: (t?.type as DocumentType | null) ?? 'unknown',
      title: t && !t.number && t.nameKey ? referenceTitle(t.text) : null,
      issuers: t?.issuer ? [t.issuer] : [],
      place: null,
      issued: t?.date ?? null,
      legalBases: [],
      consolidates: [],
      signer: null,
      effective: null,
      scope: 'central',
      sources: [],
      unitSet: null,
      unitCount: 0,
      warnings: [],
      createdAt: '',
      updatedAt: '',
      version: 0,
    };
    return { work, incoming };
  }
  return null;
}

/** The work `ref` names, or its placeholder when only other documents name it; 404 when neither. */
export async function resolveOrPlaceholder(ports: Pick<Ports, 'works' | 'links'>, ref: string): Promise<{ work: Work; placeholder: boolean }> {
  try {
    return { work: await resolveWork(ports.works, ref), placeholder: false };
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'not_found') throw e;
    const p = await placeholderFor(ports, ref);
    if (!p) throw e;
    return { work: p.work, placeholder: true };
  }
}

/** The links of the database as recorded at a moment: for status and relations asked `asRecordedAt`. */
export interface RecordedView {
  works: { get(id: string): Promise<Work | null> };
  links: { incoming(id: string): Promise<Links>; outgoing(id: string): Promise<Links> };
}

/** A read-only view of works and links as the history says they stood at `asRecordedAt`. */
export function recordedView(ports: Pick<Ports, 'works' | 'history'>, asRecordedAt: string): RecordedView {
  const until = checkMoment(asRecordedAt) as string;
  const states = new Map<string, ReturnType<typeof recordedState>>();
  const stateOf = async (id: string) => {
    let s = states.get(id);
    if (!s) {
      s = recordedState(id, await ports.history.forWork(id), until);
      states.set(id, s);
    }
    return s;
  };
  return {
    works: {
      async get(id) {
        const s = await stateOf(id);
        if (!s.document) return null;
        const now = await ports.works.get(id);
        if (!now) return null;
        // The facts as recorded then; what the history does not keep (issuers, sources) as now.
        return { ...now, ...s.document, sources: now.sources.filter((src) => s.document?.sources.includes(src.sha256)), version: s.document.version };
      },
    },
    links: {
      async incoming(id) {
        return { relations: (await stateOf(id)).incoming, effects: [] };
      },
      async outgoing(id) {
        return { relations: (await stateOf(id)).outgoing, effects: [] };
      },
    },
  };
}

/** Which document holds a relation's record: its source when that is in the database, else the document it is about. */
async function holderOf(ports: Pick<Ports, 'works'>, r: Relation, about: string): Promise<string> {
  if (r.origin === 'extracted') return r.source.workId;
  return (await ports.works.get(r.source.workId)) ? r.source.workId : about;
}

export interface RelationEdit {
  type?: RelationType;
  /** Seen from the document in the path: outgoing (it acts on the other) or incoming (the other acts on it). */
  direction?: 'outgoing' | 'incoming';
  /** The other document: an id or an official number; it need not be in the database. */
  other?: string;
  eId?: string | null;
  otherEId?: string | null;
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  note?: string | null;
}

export interface ReviewRequest {
  action: 'add' | 'correct' | 'remove';
  relationId?: string;
  relation?: RelationEdit;
  reason: string;
  actor: string;
}

const MAX_REVIEWS = 1000;
const MAX_ATTEMPTS = 8;

/**
 * A reviewer adds, corrects or removes a relation of a document. The edit is kept (who, when, why) on the document
 * holding the relation, under optimistic locking, so concurrent reviewers never lose an edit; the same edit sent twice
 * is stored once. The stream consumer then re-reads the holder's relations, and status and search follow.
 */
export async function reviewRelation(ports: Pick<Ports, 'works' | 'links' | 'history' | 'clock'>, ref: string, req: ReviewRequest) {
  const { work } = await resolveOrPlaceholder(ports, ref);
  const reason = req.reason.trim();
  if (reason.length < 3) throw new DomainError('validation', 'reason: say why (at least 3 characters)');
  let old: Relation | undefined;
  if (req.action !== 'add') {
    if (!req.relationId) throw new DomainError('validation', `relationId is required to ${req.action} a relation`);
    const [out, inc] = await Promise.all([ports.links.outgoing(work.id), ports.links.incoming(work.id)]);
    old = [...out.relations, ...inc.relations].find((r) => relationId(r) === req.relationId);
    if (!old) throw notFound(`Relation ${req.relationId} of ${work.id}`, { id: work.id, relationId: req.relationId });
  }
  let relation: Relation | undefined;
  if (req.action !== 'remove') {
    if (!req.relation) throw new DomainError('validation', `relation is required to ${req.action} a relation`);
    relation = await buildRelation(ports, work, req.relation, old, reason);
  }
  const holder = old ? await holderOf(ports, old, work.id) : relation ? await holderOf(ports, relation, work.id) : work.id;
  const at = ports.clock.now().toISOString();
  const id = createHash('sha256')
    .update(JSON.stringify([req.actor, req.action, req.relationId ?? null, relation ?? null, reason]))
    .digest('hex')
    .slice(0, 20);
  const review: RelationReview = {
    id,
    action: req.action,
    ...(req.relationId ? { relationId: req.relationId } : {}),
    ...(relation ? { relation } : {}),
    actor: req.actor,
    at,
    reason,
  };
  for (let attempt = 1; ; attempt++) {
    const h = await ports.works.get(holder);
    if (!h)
      throw new DomainError('conflict', `${holder} is not in the database: a relation between two documents that are not both here cannot be held`, {
        id: holder,
      });
    const existing = h.reviews?.find((r) => r.id === id);
    if (existing) return { review: existing, holder, created: false, relationId: existing.relation ? relationId(existing.relation) : null };
    if ((h.reviews?.length ?? 0) >= MAX_REVIEWS) throw new DomainError('conflict', `${holder} already has ${MAX_REVIEWS} reviewer edits`, { id: holder });
    try {
      await ports.works.save(
        { ...h, reviews: [...(h.reviews ?? []), review], lastChange: { actor: req.actor, action: 'review', reason }, updatedAt: at },
        h.version,
      );
      break;
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 20 * attempt)));
    }
  }
  const events: HistoryEvent[] = [reviewEvent(holder, review)];
  if (holder !== work.id) events.push(reviewEvent(work.id, review));
  await ports.history.append(events);
  return { review, holder, created: true, relationId: relation ? relationId(relation) : null };
}

async function buildRelation(ports: Pick<Ports, 'works'>, work: Work, edit: RelationEdit, old: Relation | undefined, reason: string): Promise<Relation> {
  const type = edit.type ?? old?.type;
  if (!type || !RELATION_TYPES.includes(type)) throw new DomainError('validation', `relation.type must be one of ${RELATION_TYPES.join(', ')}`);
  for (const [k, v] of [
    ['effectiveFrom', edit.effectiveFrom],
    ['effectiveTo', edit.effectiveTo],
  ] as const)
    if (v && !isCalendarDate(v)) throw new DomainError('validation', `relation.${k}: ${v} is not a calendar date`);
  const direction = edit.direction ?? (old ? (old.source.workId === work.id ? 'outgoing' : 'incoming') : undefined);
  if (!direction) throw new DomainError('validation', 'relation.direction is required (outgoing or incoming)');
  const otherRef =
    edit.other ?? (old ? (direction === 'outgoing' ? (old.target.number ?? old.target.workId) : (old.source.number ?? old.source.workId)) : null);
  if (!otherRef) throw new DomainError('validation', 'relation.other is required: the other document, by id or number');
  let other: { id: string; number: string | null; type: DocumentType | null; issuer: string | null };
  try {
    const w = await resolveWork(ports.works, otherRef);
    other = { id: w.id, number: w.number, type: w.type, issuer: w.issuers[0] ?? null };
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'not_found') throw e;
    if (!/\d/.test(otherRef) || !otherRef.includes('/'))
      throw new DomainError('validation', `relation.other: "${otherRef}" is not in the database and is not an official number`);
    other = { id: workIdFor({ number: otherRef.trim(), issued: null, place: null }), number: otherRef.trim(), type: null, issuer: null };
  }
  if (other.id === work.id || referenceKey(otherRef) === (work.number ? referenceKey(work.number) : null))
    throw new DomainError('validation', 'relation.other must be another document');
  const self = { id: work.id, number: work.number };
  const [source, target] = direction === 'outgoing' ? [self, other] : [other, self];
  const eId = edit.eId !== undefined ? edit.eId : old ? (direction === 'outgoing' ? old.source.eId : old.target.eId) : null;
  const otherEId = edit.otherEId !== undefined ? edit.otherEId : old ? (direction === 'outgoing' ? old.target.eId : old.source.eId) : null;
  const [sourceEId, targetEId] = direction === 'outgoing' ? [eId, otherEId] : [otherEId, eId];
  const effectiveTo = edit.effectiveTo !== undefined ? edit.effectiveTo : (old?.effectiveTo ?? null);
  const note = edit.note !== undefined ? edit.note : (old?.note ?? null);
  return {
    type,
    source: { workId: source.id, number: source.number, ...(sourceEId ? { eId: sourceEId } : {}) },
    target: {
      workId: target.id,
      number: target.number,
      type: 'type' in target ? target.type : work.type,
      issuer: 'issuer' in target ? target.issuer : (work.issuers[0] ?? null),
      date: null,
      ...(targetEId ? { eId: targetEId } : {}),
      text: target.number ?? target.id,
    },
    effectiveFrom: edit.effectiveFrom !== undefined ? edit.effectiveFrom : (old?.effectiveFrom ?? null),
    ...(effectiveTo ? { effectiveTo } : {}),
    ...(note ? { note } : {}),
    evidence: { line: 0, text: `Người rà soát: ${reason}`.slice(0, 500) },
    origin: 'reviewer',
  };
}
