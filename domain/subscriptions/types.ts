/**
 * Subscriptions (issue 21, docs/adr/0022): an identified user follows a document, a unit of it, a sector or a saved
 * search, and is told of each change the history records that concerns it, by webhook and by its own Atom feed.
 */
import type { UnitDiff } from '../consolidate/engine';
import type { HistoryKind } from '../history/types';

/** The browse filters a saved search keeps (those of `GET /v1/documents` that say what a document is, not when). */
export interface SavedSearch {
  type?: string;
  issuer?: string;
  sector?: string;
  province?: string;
  issuedFrom?: string;
  issuedTo?: string;
}

export type SubscriptionTarget =
  | { kind: 'document'; workId: string }
  | { kind: 'unit'; workId: string; eId: string }
  | { kind: 'sector'; sector: string }
  | { kind: 'search'; filters: SavedSearch };

export interface Subscription {
  /** Random and unguessable: it is also the key of the subscription's Atom feed. */
  id: string;
  /** The identity's subject. */
  owner: string;
  target: SubscriptionTarget;
  /** Where deliveries are POSTed; null: the Atom feed only. */
  webhookUrl: string | null;
  /** The HMAC-SHA256 key of the signatures: given once in the answer to the creation, never again. */
  secret: string;
  label: string | null;
  createdAt: string;
  /** Set when its owner cancels it: nothing is matched or sent after (never deleted). */
  cancelledAt: string | null;
  /** Set when its webhook failed for too long (`pauseReason`); its owner resumes it. Matching goes on meanwhile. */
  pausedAt: string | null;
  pauseReason: string | null;
  /** When the oldest delivery still failing first failed; null while the receiver answers. */
  failingSince: string | null;
  /**
   * While the receiver fails: when the failing delivery is tried again. Its other deliveries wait until then, so they
   * reach the receiver in the order recorded. Absent or null: none waits.
   */
  retryAt?: string | null;
  /** Optimistic locking: each update states the revision it read. */
  revision: number;
}

/** What a subscription shows its owner: everything but the secret. */
export type SubscriptionView = Omit<Subscription, 'secret' | 'revision'>;

/** A change to a unit, as a subscriber to it reads it. */
export interface UnitChange {
  eId: string;
  /** `khoản 2 Điều 5`. */
  citation: string;
  /** "Khoản 2 Điều 5 của 09/2022/TT-BLĐTBXH thay đổi từ ngày 01/7/2024 theo 12/2024/TT-BLĐTBXH". */
  message: string;
  effectiveFrom: string | null;
  /** The document that makes the change. */
  by: { workId: string; number: string | null } | null;
  /** The units (this one, above or inside it) whose wording differs across the date, word by word. */
  diff: UnitDiff[];
  /** True when `diff` was cut to keep a delivery small (GET /v1/documents/{id}/diff has all of it). */
  truncated?: boolean;
}

/** What one delivery carries: the body POSTed to the webhook, and the entry of the subscription's feed. */
export interface Notification {
  /** The delivery id (receivers deduplicate by it). */
  id: string;
  subscription: { id: string; target: SubscriptionTarget; label: string | null };
  event: { id: string; kind: HistoryKind; workId: string; recordedAt: string; actor: string; reason: string | null; summary: string };
  document: { id: string; number: string | null; title: string | null };
  unit?: UnitChange;
}

export type DeliveryState =
  /** Waiting for its (next) attempt. */
  | 'pending'
  /** The webhook answered 2xx. */
  | 'delivered'
  /** No webhook: the feed is where it is read. */
  | 'recorded'
  /** Its subscription is paused: sent again when its owner resumes it. */
  | 'held'
  /** Its subscription was cancelled before it could be sent. */
  | 'dead';

export interface Delivery {
  /** sha256(subscription id, event id): one per change per subscriber, whatever replays the feed. */
  id: string;
  subscriptionId: string;
  eventId: string;
  /** When the event was recorded: the feed's order. */
  recordedAt: string;
  createdAt: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  /** The last failure: an HTTP status or a network error. */
  lastError: string | null;
  deliveredAt: string | null;
  notification: Notification;
  /** Optimistic locking, as for subscriptions. */
  revision: number;
}
