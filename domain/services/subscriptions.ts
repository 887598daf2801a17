/**
 * Following the law (issue 21, docs/adr/0022): an identified user subscribes to a document, a unit, a sector or a
 * saved search; the dispatcher reads the history feed from its own cursor and enqueues one delivery per matching
 * event per subscription (ids derived from both, so a replay adds nothing); the sender POSTs due deliveries, signed,
 * retrying with backoff and pausing a subscriber that fails for too long. Both run locally after each outbox drain
 * and on AWS on a schedule (functions/notifier).
 */
import { randomBytes } from 'node:crypto';
import { citeInnermostFirst } from '../consolidate/notes';
import { dayBefore, vietnamDate } from '../dates';
import { ConflictError, DomainError, notFound } from '../errors';
import type { HistoryEvent } from '../history/types';
import type { Work } from '../model';
import type { Ports, SubscriptionRepository, WebhookSender } from '../ports';
import { sectorByCode } from '../sectors';
import { byWork, changeDates, deliveryId, diffFor, namesUnit, unitMessage } from '../subscriptions/match';
import { backoffMs, type RetryPolicy, shouldPause } from '../subscriptions/retry';
import { newSecret, SIGNATURE_HEADER, signatureHeader } from '../subscriptions/signature';
import type { Delivery, Notification, SavedSearch, Subscription, SubscriptionTarget, SubscriptionView, UnitChange } from '../subscriptions/types';
import { documentDiff, unitOverTime } from './consolidation';
import { resolveWork } from './documents';

export type SubscriptionPorts = Pick<Ports, 'works' | 'units' | 'links' | 'history' | 'search' | 'clock'> & { subscriptions: SubscriptionRepository };

/** At most this many live subscriptions per owner. */
export const MAX_SUBSCRIPTIONS_PER_OWNER = 100;

/** The repository, or 503 where this runtime has none. */
export function subscriptionsOf(ports: Pick<Ports, 'subscriptions'>): SubscriptionRepository {
  if (!ports.subscriptions) throw new DomainError('dependency_unavailable', 'This runtime stores no subscriptions');
  return ports.subscriptions;
}

export const viewOf = ({ secret: _secret, revision: _revision, ...view }: Subscription): SubscriptionView => view;

export interface CreateSubscription {
  target: SubscriptionTarget;
  webhookUrl?: string | null;
  label?: string | null;
}

const SEARCH_KEYS: readonly (keyof SavedSearch)[] = ['type', 'issuer', 'sector', 'province', 'issuedFrom', 'issuedTo'];

/** The target as stored: a document or unit by the work's id (whatever the user typed), checked to exist. */
async function checkedTarget(ports: SubscriptionPorts, target: SubscriptionTarget): Promise<{ target: SubscriptionTarget; label: string }> {
  const followable = async (ref: string) => {
    const work = await resolveWork(ports.works, ref);
    if (work.withdrawn) throw new DomainError('gone', `${work.number ?? work.id} was withdrawn: ${work.withdrawn.reason}`, { documentId: work.id });
    return work;
  };
  switch (target.kind) {
    case 'document': {
      const work = await followable(target.workId);
      return { target: { kind: 'document', workId: work.id }, label: work.number ?? work.title ?? work.id };
    }
    case 'unit': {
      const work = await followable(target.workId);
      // A unit exists when it is in the text at some date: the original's, or one an amendment inserted.
      const over = await unitOverTime(ports, work, target.eId, vietnamDate(ports.clock.now()));
      if (over.presence.length === 0) throw notFound(`Unit ${target.eId} of ${work.number ?? work.id}`, { eId: target.eId });
      return { target: { kind: 'unit', workId: work.id, eId: target.eId }, label: `${citeInnermostFirst(target.eId)} của ${work.number ?? work.id}` };
    }
    case 'sector': {
      const sector = sectorByCode(target.sector);
      if (!sector) throw new DomainError('validation', `target.sector: no sector has the code ${target.sector} (GET /v1/sectors lists them)`);
      return { target, label: `Lĩnh vực ${sector.name}` };
    }
    case 'search': {
      const filters = Object.fromEntries(SEARCH_KEYS.filter((k) => target.filters[k]).map((k) => [k, target.filters[k]])) as SavedSearch;
      if (Object.keys(filters).length === 0) throw new DomainError('validation', `target.filters: give at least one of ${SEARCH_KEYS.join(', ')}`);
      if (filters.sector && !sectorByCode(filters.sector))
        throw new DomainError('validation', `target.filters.sector: no sector has the code ${filters.sector}`);
      return {
        target: { kind: 'search', filters },
        label: Object.entries(filters)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
      };
    }
  }
}

/**
 * A new subscription of `owner`. The answer carries the signing secret: the only time it is shown. A webhook URL is
 * checked by the sender (https and a public address on AWS; the local runtime also allows loopback).
 */
export async function createSubscription(ports: SubscriptionPorts, sender: Pick<WebhookSender, 'refuse'>, owner: string, req: CreateSubscription) {
  const repo = ports.subscriptions;
  const live = (await repo.byOwner(owner)).filter((s) => !s.cancelledAt);
  if (live.length >= MAX_SUBSCRIPTIONS_PER_OWNER)
    throw new DomainError('conflict', `You follow ${live.length} things already; cancel one first (at most ${MAX_SUBSCRIPTIONS_PER_OWNER})`);
  const { target, label } = await checkedTarget(ports, req.target);
  const webhookUrl = req.webhookUrl ?? null;
  if (webhookUrl) {
    const refused = await sender.refuse(webhookUrl);
    if (refused) throw new DomainError('validation', `webhookUrl: ${refused}`);
  }
  const subscription: Subscription = {
    id: `sub_${randomBytes(16).toString('base64url')}`,
    owner,
    target,
    webhookUrl,
    secret: newSecret(),
    label: req.label?.trim() || label,
    createdAt: ports.clock.now().toISOString(),
    cancelledAt: null,
    pausedAt: null,
    pauseReason: null,
    failingSince: null,
    revision: 1,
  };
  await repo.create(subscription);
  return { subscription: viewOf(subscription), secret: subscription.secret };
}

/** The owner's subscription, or 404 (another's is not revealed). */
async function owned(repo: SubscriptionRepository, owner: string, id: string): Promise<Subscription> {
  const s = await repo.get(id);
  if (!s || s.owner !== owner) throw notFound(`Subscription ${id}`, { id });
  return s;
}

export async function listSubscriptions(ports: Pick<SubscriptionPorts, 'subscriptions'>, owner: string) {
  return { items: (await ports.subscriptions.byOwner(owner)).map(viewOf) };
}

/** One subscription of its owner with its deliveries, newest first (`before` pages). */
export async function getSubscription(ports: Pick<SubscriptionPorts, 'subscriptions'>, owner: string, id: string, before: string | null, limit: number) {
  const s = await owned(ports.subscriptions, owner, id);
  const page = await ports.subscriptions.deliveries(s.id, before, limit);
  return { subscription: viewOf(s), deliveries: page.items.map(deliveryView), older: page.older };
}

export const deliveryView = ({ revision: _r, notification, ...d }: Delivery) => ({
  ...d,
  summary: notification.unit?.message ?? notification.event.summary,
  notification,
});

/**
 * Moves every delivery of a subscription in state `from` (oldest first, a page at a time) by `change`. A delivery
 * another writer changed meanwhile is read again and moved if it is still in that state; the sweep ends when none is
 * left, so repeating it completes one that stopped half-way.
 */
async function sweep(repo: SubscriptionRepository, subscriptionId: string, from: Delivery['state'], change: (d: Delivery) => Delivery) {
  for (let pages = 0; pages < 10_000; pages++) {
    const batch = await repo.inState(subscriptionId, from, 200);
    if (batch.length === 0) return;
    for (const found of batch) {
      let d: Delivery | null = found;
      for (let attempt = 0; d && d.state === from && attempt < 5; attempt++) {
        try {
          await repo.updateDelivery(change(d));
          break;
        } catch (e) {
          if (!(e instanceof ConflictError)) throw e;
          d = await repo.delivery(subscriptionId, found.id);
        }
      }
    }
  }
}

/**
 * Cancel (kept, never matched again; what it held dies) or resume (a paused one: what it held is sent now). Both are
 * idempotent, and a repeat completes a sweep that a failure cut short.
 */
export async function updateSubscription(ports: Pick<SubscriptionPorts, 'subscriptions' | 'clock'>, owner: string, id: string, action: 'cancel' | 'resume') {
  const repo = ports.subscriptions;
  let s = await owned(repo, owner, id);
  const now = ports.clock.now().toISOString();
  if (action === 'cancel') {
    if (!s.cancelledAt) s = await repo.update({ ...s, cancelledAt: now });
    await sweep(repo, s.id, 'held', (d) => ({ ...d, state: 'dead', nextAttemptAt: null }));
    return { subscription: viewOf(s) };
  }
  if (s.cancelledAt) throw new DomainError('gone', `Subscription ${id} was cancelled on ${s.cancelledAt}; create a new one`);
  if (s.pausedAt) s = await repo.update({ ...s, pausedAt: null, pauseReason: null, failingSince: null, retryAt: null });
  await sweep(repo, s.id, 'held', (d) => ({ ...d, state: 'pending', nextAttemptAt: now }));
  return { subscription: viewOf(s) };
}

/** Sends one delivery again (whatever its state), now. */
export async function replayDelivery(ports: Pick<SubscriptionPorts, 'subscriptions' | 'clock'>, owner: string, id: string, deliveryIdToReplay: string) {
  const repo = ports.subscriptions;
  const s = await owned(repo, owner, id);
  if (s.cancelledAt) throw new DomainError('gone', `Subscription ${id} was cancelled on ${s.cancelledAt}`);
  if (!s.webhookUrl) throw new DomainError('validation', `Subscription ${id} has no webhook: read its feed`);
  const d = await repo.delivery(s.id, deliveryIdToReplay);
  if (!d) throw notFound(`Delivery ${deliveryIdToReplay}`, { id: deliveryIdToReplay });
  const stored = await repo.updateDelivery({
    ...d,
    state: s.pausedAt ? 'held' : 'pending',
    nextAttemptAt: s.pausedAt ? null : ports.clock.now().toISOString(),
  });
  return { delivery: deliveryView(stored) };
}

/** The subscription's deliveries for its Atom feed (the id is the key: it is not listed anywhere public). */
export async function subscriptionFeed(ports: Pick<SubscriptionPorts, 'subscriptions'>, id: string, before: string | null, limit: number) {
  const s = await ports.subscriptions.get(id);
  if (!s) throw notFound(`Subscription ${id}`, { id });
  return { subscription: viewOf(s), ...(await ports.subscriptions.deliveries(s.id, before, limit)) };
}

// ---------------------------------------------------------------------------------------------------------------
// Dispatching: history events → deliveries.

const eventPart = (e: HistoryEvent): Notification['event'] => ({
  id: e.id,
  kind: e.kind,
  workId: e.workId,
  recordedAt: e.recordedAt,
  actor: e.actor,
  reason: e.reason,
  summary: e.summary,
});

/** What a unit subscription reads of an event: the unit's change with its diff, or null when the event leaves it alone. */
async function unitChangeOf(
  ports: SubscriptionPorts,
  work: Work,
  eId: string,
  event: HistoryEvent,
  diffs: Map<string, Awaited<ReturnType<typeof documentDiff>>>,
): Promise<UnitChange | null | 'document'> {
  // The document's own changes (its text read again, its validity) concern each of its units.
  if (event.kind === 'status.changed' || event.kind === 'document.updated' || event.kind === 'document.created') return 'document';
  for (const { date, by } of changeDates(event, work.id)) {
    const key = `${work.id}@${date}`;
    let diff = diffs.get(key);
    if (!diff) {
      diff = await documentDiff(ports, work.id, dayBefore(date), date);
      diffs.set(key, diff);
    }
    const mine = diffFor(diff.changes, eId);
    if (mine.length > 0)
      return {
        eId,
        citation: citeInnermostFirst(eId),
        message: unitMessage(eId, work.number ?? work.id, date, by.source.number ?? by.source.workId),
        effectiveFrom: date,
        by: { workId: by.source.workId, number: by.source.number },
        diff: mine,
      };
  }
  if (namesUnit(event, work.id, eId)) {
    const by = event.relations?.holder ?? event.review?.relation?.source.workId ?? null;
    return {
      eId,
      citation: citeInnermostFirst(eId),
      message: unitMessage(eId, work.number ?? work.id, null, by),
      effectiveFrom: null,
      by: by ? { workId: by, number: null } : null,
      diff: [],
    };
  }
  return null;
}

/** The most characters of a unit's word diff a delivery carries (a webhook body stays small; DynamoDB items ≤ 400 KB). */
export const MAX_DIFF_CHARS = 32_000;

/** The diff cut to MAX_DIFF_CHARS of JSON, whole units only; `truncated` when something was left out. */
function capped(change: UnitChange): UnitChange {
  let size = 0;
  const kept = [];
  for (const d of change.diff) {
    size += JSON.stringify(d).length;
    if (size > MAX_DIFF_CHARS) break;
    kept.push(d);
  }
  return kept.length === change.diff.length ? change : { ...change, diff: kept, truncated: true };
}

export interface DispatchResult {
  events: number;
  enqueued: number;
  /** Matches that failed (a unit's diff that could not be computed): delivered without the unit's detail, counted here. */
  degraded: number;
}

/**
 * Reads the history after the dispatcher's cursor and enqueues the deliveries its events make, a page at a time,
 * moving the cursor after each page is enqueued (at-least-once; the delivery ids make it exactly one per change).
 * The subscriptions are read again for each page (one created meanwhile gets the events recorded after it); events
 * recorded before a subscription was created are not delivered to it. Deliveries with a webhook are enqueued pending
 * (the sender holds those of a paused subscription), the others recorded for the feed.
 */
export async function dispatch(ports: SubscriptionPorts, options: { pageSize?: number; maxPages?: number; deadline?: number } = {}): Promise<DispatchResult> {
  const repo = ports.subscriptions;
  const pageSize = options.pageSize ?? 200;
  let cursor = await repo.cursor();
  const result: DispatchResult = { events: 0, enqueued: 0, degraded: 0 };
  const works = new Map<string, Work | null>();
  const workOf = async (id: string) => {
    if (!works.has(id)) works.set(id, await ports.works.get(id));
    return works.get(id) ?? null;
  };
  const diffs = new Map<string, Awaited<ReturnType<typeof documentDiff>>>();
  for (let pages = 0; pages < (options.maxPages ?? 50); pages++) {
    if (options.deadline !== undefined && Date.now() > options.deadline) break;
    const page = await ports.history.feed(cursor, pageSize);
    if (page.items.length === 0) break;
    const subscriptions = await repo.active();
    const direct = byWork(subscriptions);
    const filtered = subscriptions.filter((s) => s.target.kind === 'sector' || s.target.kind === 'search');
    const now = ports.clock.now().toISOString();
    const out: Delivery[] = [];
    // Sectors and saved searches: the works of this page that pass each one's filters, by the search index itself
    // (one query per distinct filter).
    const passing = new Map<string, Set<string>>();
    const byFilter = new Map<string, Set<string>>();
    const ids = [...new Set(page.items.map((e) => e.workId))];
    for (const s of filtered) {
      const filters = s.target.kind === 'sector' ? { sector: s.target.sector } : s.target.kind === 'search' ? s.target.filters : {};
      const key = JSON.stringify(filters);
      let works = byFilter.get(key);
      if (!works) {
        works = new Set((await ports.search.documentEntries(ids, { ...filters, scope: 'documents' })).map((h) => h.workId));
        byFilter.set(key, works);
      }
      passing.set(s.id, works);
    }
    for (const event of page.items) {
      const candidates = [...(direct.get(event.workId) ?? []), ...filtered.filter((s) => passing.get(s.id)?.has(event.workId))];
      for (const s of candidates) {
        if (event.recordedAt < s.createdAt) continue;
        const work = await workOf(event.workId);
        let unit: UnitChange | undefined;
        if (s.target.kind === 'unit') {
          if (!work) continue;
          let change: Awaited<ReturnType<typeof unitChangeOf>>;
          try {
            change = await unitChangeOf(ports, work, s.target.eId, event, diffs);
          } catch {
            // A diff that cannot be computed (a text the engine cannot consolidate) does not stop the feed: the
            // subscriber is told of the change without the unit's detail.
            result.degraded++;
            change = 'document';
          }
          if (change === null) continue;
          if (change !== 'document') unit = capped(change);
        }
        const id = deliveryId(s.id, event.id);
        out.push({
          id,
          subscriptionId: s.id,
          eventId: event.id,
          recordedAt: event.recordedAt,
          createdAt: now,
          state: s.webhookUrl ? 'pending' : 'recorded',
          attempts: 0,
          nextAttemptAt: s.webhookUrl ? now : null,
          lastAttemptAt: null,
          lastError: null,
          deliveredAt: null,
          notification: {
            id,
            subscription: { id: s.id, target: s.target, label: s.label },
            event: eventPart(event),
            document: { id: event.workId, number: work?.number ?? null, title: work?.title ?? null },
            ...(unit ? { unit } : {}),
          },
          revision: 1,
        });
      }
    }
    result.enqueued += await repo.enqueue(out);
    try {
      await repo.setCursor(page.cursor, cursor);
    } catch (e) {
      // Another dispatcher moved the cursor meanwhile: what this page enqueued was enqueued once all the same.
      if (e instanceof ConflictError) break;
      throw e;
    }
    cursor = page.cursor;
    result.events += page.items.length;
    if (page.items.length < pageSize) break;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Sending: due deliveries → webhooks.

/** How long a claimed delivery is left to its sender before another may take it: longer than a POST may last. */
export const CLAIM_MS = 60_000;

export interface SendOptions {
  retry: RetryPolicy;
  /** At most this many deliveries per call. */
  limit?: number;
  random?: () => number;
  /** No new POST starts after this instant (ms since the epoch): a run ends within its time budget. */
  deadline?: number;
}

/** A write that lost to another writer's (ConflictError): that one handled the delivery; this run leaves it. */
async function orSkip<T>(write: Promise<T>): Promise<T | null> {
  try {
    return await write;
  } catch (e) {
    if (e instanceof ConflictError) return null;
    throw e;
  }
}

/**
 * POSTs the due deliveries, oldest due first and each subscription's in the order recorded, signed with its
 * subscription's secret. A 2xx delivers it; anything else schedules the next attempt with backoff and makes the
 * subscription's other deliveries wait for it (`retryAt`, so they arrive in order); a subscription failing for
 * `retry.pauseAfterMs` is paused and its deliveries held until its owner resumes it.
 */
export async function sendDue(ports: Pick<SubscriptionPorts, 'subscriptions' | 'clock'>, sender: WebhookSender, options: SendOptions) {
  const repo = ports.subscriptions;
  const random = options.random ?? Math.random;
  const due = await repo.due(ports.clock.now().toISOString(), options.limit ?? 50);
  const subs = new Map<string, Subscription | null>();
  const fresh = async (id: string) => {
    const s = await repo.get(id);
    subs.set(id, s);
    return s;
  };
  /** Writes the subscription; on a conflict reads it again (another writer's change wins, this one is dropped). */
  const save = async (s: Subscription) => {
    const stored = await orSkip(repo.update(s));
    if (!stored) return fresh(s.id);
    subs.set(s.id, stored);
    return stored;
  };
  let sent = 0;
  let failed = 0;
  let paused = 0;
  let deferred = 0;
  for (const d of due) {
    if (options.deadline !== undefined && Date.now() > options.deadline) break;
    const s = subs.has(d.subscriptionId) ? (subs.get(d.subscriptionId) ?? null) : await fresh(d.subscriptionId);
    if (!s || s.cancelledAt || !s.webhookUrl) {
      await orSkip(repo.updateDelivery({ ...d, state: 'dead', nextAttemptAt: null }));
      continue;
    }
    if (s.pausedAt) {
      const held = await orSkip(repo.updateDelivery({ ...d, state: 'held', nextAttemptAt: null }));
      // Resumed meanwhile (its sweep may have run before this write): send it after all.
      if (held && !(await fresh(s.id))?.pausedAt)
        await orSkip(repo.updateDelivery({ ...held, state: 'pending', nextAttemptAt: ports.clock.now().toISOString() }));
      continue;
    }
    const nowIso = ports.clock.now().toISOString();
    // The subscription waits for a failing delivery: the others keep their place behind it.
    if (s.retryAt && s.retryAt > nowIso && d.attempts === 0) {
      await orSkip(repo.updateDelivery({ ...d, nextAttemptAt: s.retryAt }));
      deferred++;
      continue;
    }
    const at = ports.clock.now();
    // Claimed before it is sent: a second notifier (a run that overlaps) finds it changed and leaves it; if this run
    // dies after the claim, the lease ends and the delivery is due again.
    const claimed = await orSkip(repo.updateDelivery({ ...d, nextAttemptAt: new Date(at.getTime() + CLAIM_MS).toISOString() }));
    if (!claimed) continue;
    const body = JSON.stringify(claimed.notification);
    const result = await sender.post(s.webhookUrl, body, {
      'content-type': 'application/json',
      'user-agent': 'CSDLQG-phap-luat-webhooks/1',
      'x-csdl-delivery': claimed.id,
      'x-csdl-event': claimed.notification.event.kind,
      [SIGNATURE_HEADER]: signatureHeader(s.secret, body, at),
    });
    const attempts = claimed.attempts + 1;
    const done = ports.clock.now().toISOString();
    // The writes after a POST lose to a replay by the owner (it asked for another send): orSkip leaves it to that.
    if (result.ok) {
      await orSkip(
        repo.updateDelivery({ ...claimed, state: 'delivered', attempts, lastAttemptAt: done, deliveredAt: done, nextAttemptAt: null, lastError: null }),
      );
      if (s.failingSince || s.retryAt) await save({ ...s, failingSince: null, retryAt: null });
      sent++;
      continue;
    }
    failed++;
    const error = result.status !== null ? `HTTP ${result.status}` : (result.error ?? 'no answer');
    const failingSince = s.failingSince ?? at.toISOString();
    if (shouldPause(options.retry, failingSince, at)) {
      const pausedNow = await save({
        ...s,
        failingSince,
        retryAt: null,
        pausedAt: done,
        pauseReason: `The webhook has failed since ${failingSince} (last: ${error})`,
      });
      const stillPaused = !!pausedNow?.pausedAt;
      await orSkip(
        repo.updateDelivery({
          ...claimed,
          attempts,
          lastAttemptAt: done,
          lastError: error,
          ...(stillPaused ? { state: 'held', nextAttemptAt: null } : { nextAttemptAt: done }),
        }),
      );
      if (stillPaused) paused++;
      continue;
    }
    const next = new Date(at.getTime() + backoffMs(options.retry, attempts, random())).toISOString();
    await save({ ...s, failingSince, retryAt: next });
    await orSkip(repo.updateDelivery({ ...claimed, attempts, lastAttemptAt: done, lastError: error, nextAttemptAt: next }));
  }
  return { seen: due.length, sent, failed, paused, deferred };
}

export interface NotifyResult extends DispatchResult {
  sent: number;
  failed: number;
  paused: number;
  /** What the dispatch failed with, if it did (the due deliveries were sent all the same). */
  dispatchError: string | null;
}

/**
 * One run of the notifier (locally beside the stream, on AWS every minute): the history recorded since the last run
 * becomes deliveries, then the due ones are sent until none is left now or the time budget (`budgetMs`) is spent. A
 * dispatch that fails (the search index down) does not keep the due deliveries back: they are sent, and the error is
 * answered for the caller to report; the next run resumes from the cursor.
 */
export async function notifySubscribers(ports: SubscriptionPorts, sender: WebhookSender, retry: RetryPolicy, budgetMs = 50_000): Promise<NotifyResult> {
  const deadline = Date.now() + budgetMs;
  let dispatched: DispatchResult = { events: 0, enqueued: 0, degraded: 0 };
  let dispatchError: string | null = null;
  try {
    dispatched = await dispatch(ports, { deadline });
  } catch (e) {
    dispatchError = (e as Error).message;
  }
  const total = { sent: 0, failed: 0, paused: 0 };
  for (let round = 0; round < 1000 && Date.now() <= deadline; round++) {
    const r = await sendDue(ports, sender, { retry, deadline });
    total.sent += r.sent;
    total.failed += r.failed;
    total.paused += r.paused;
    // Nothing more was due now (each delivery seen was sent, failed, deferred, held or dropped: due later or never).
    if (r.seen === 0) break;
  }
  return { ...dispatched, ...total, dispatchError };
}
