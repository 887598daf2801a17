/** Subscriptions and webhooks (domain/subscriptions, docs/adr/0022): requests and the shapes of the answers. */
import * as z from 'zod/mini';
import { Cursor, isoDate } from './common';
import { UnitDiff } from './status';

const docRef = z.string().check(z.minLength(1), z.maxLength(200));
const eId = z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9_]+$/));
const short = z.string().check(z.minLength(1), z.maxLength(200));

export const SubscriptionTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('document'), workId: docRef }),
  z.object({ kind: z.literal('unit'), workId: docRef, eId }),
  z.object({ kind: z.literal('sector'), sector: z.string().check(z.minLength(1), z.maxLength(20)) }),
  z.object({
    kind: z.literal('search'),
    filters: z.object({
      type: z.optional(short),
      issuer: z.optional(short),
      sector: z.optional(z.string().check(z.maxLength(20))),
      province: z.optional(short),
      issuedFrom: z.optional(isoDate),
      issuedTo: z.optional(isoDate),
    }),
  }),
]);

export const CreateSubscriptionRequest = z.object({
  target: SubscriptionTarget,
  /** Where each change is POSTed, signed; absent or null: the subscription's Atom feed only. */
  webhookUrl: z.optional(z.nullable(z.string().check(z.minLength(1), z.maxLength(2000)))),
  label: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
});

export const UpdateSubscriptionRequest = z.object({
  /** `cancel`: stop following (the record is kept); `resume`: a paused subscription is sent what it holds. */
  action: z.enum(['cancel', 'resume']),
});

const subscriptionId = z.string().check(z.minLength(5), z.maxLength(60), z.regex(/^sub_[A-Za-z0-9_-]+$/));
export const SubscriptionParams = z.object({ id: subscriptionId });
export const DeliveryParams = z.object({ id: subscriptionId, deliveryId: z.string().check(z.regex(/^[0-9a-f]{32}$/)) });

export const SubscriptionQuery = z.object({
  before: z.optional(Cursor),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
});

export const SubscriptionFeedQuery = z.object({
  before: z.optional(Cursor),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  /** `atom` (default) or `json`. */
  format: z.optional(z.enum(['atom', 'json'])),
});

export const SubscriptionView = z.object({
  id: z.string(),
  owner: z.string(),
  target: SubscriptionTarget,
  webhookUrl: z.nullable(z.string()),
  label: z.nullable(z.string()),
  createdAt: z.string(),
  cancelledAt: z.nullable(z.string()),
  pausedAt: z.nullable(z.string()),
  pauseReason: z.nullable(z.string()),
  failingSince: z.nullable(z.string()),
  /** While its webhook fails: when the failing delivery is tried again (the others wait for it). */
  retryAt: z.optional(z.nullable(z.string())),
});

export const CreateSubscriptionResponse = z.object({
  subscription: SubscriptionView,
  /** The HMAC-SHA256 key of `X-Csdl-Signature`: shown in this answer only. */
  secret: z.string(),
  feed: z.string(),
});

const nullableString = z.nullable(z.string());

export const Notification = z.object({
  /** The delivery id: receivers deduplicate by it (also `X-Csdl-Delivery`). */
  id: z.string(),
  subscription: z.object({ id: z.string(), target: SubscriptionTarget, label: nullableString }),
  event: z.object({
    id: z.string(),
    kind: z.enum(['document.created', 'document.updated', 'relations.changed', 'relation.reviewed', 'status.changed']),
    workId: z.string(),
    recordedAt: z.string(),
    actor: z.string(),
    reason: nullableString,
    summary: z.string(),
  }),
  document: z.object({ id: z.string(), number: nullableString, title: nullableString }),
  /** A unit subscription: what changed in the unit, from when, by which document, word by word. */
  unit: z.optional(
    z.object({
      eId: z.string(),
      citation: z.string(),
      message: z.string(),
      effectiveFrom: nullableString,
      by: z.nullable(z.object({ workId: z.string(), number: nullableString })),
      diff: z.array(UnitDiff),
      /** The diff was cut to keep the delivery small: GET /v1/documents/{id}/diff has all of it. */
      truncated: z.optional(z.boolean()),
    }),
  ),
});

export const DeliveryView = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  recordedAt: z.string(),
  createdAt: z.string(),
  state: z.enum(['pending', 'delivered', 'recorded', 'held', 'dead']),
  attempts: z.int(),
  nextAttemptAt: nullableString,
  lastAttemptAt: nullableString,
  lastError: nullableString,
  deliveredAt: nullableString,
  summary: z.string(),
  notification: Notification,
});

export const SubscriptionListResponse = z.object({ items: z.array(SubscriptionView) });
export const SubscriptionResponse = z.object({ subscription: SubscriptionView });
export const SubscriptionDetailResponse = z.object({ subscription: SubscriptionView, deliveries: z.array(DeliveryView), older: nullableString });
export const ReplayResponse = z.object({ delivery: DeliveryView });
export const SubscriptionFeedResponse = z.object({
  label: nullableString,
  target: SubscriptionTarget,
  cancelledAt: nullableString,
  items: z.array(Notification),
  older: nullableString,
});
