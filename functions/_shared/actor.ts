/** The identity of a write route as the domain's Actor (the route table already required one with the right role). */
import type { Actor } from '../../domain/drafting/types';
import type { Identity } from './http';
import { HttpProblem } from './problem';

export function actorOf(identity: Identity | null): Actor {
  if (!identity) throw new HttpProblem('unauthenticated', 'Send a bearer token of an identity');
  return { subject: identity.subject, roles: identity.roles };
}

/** The `Idempotency-Key` request header (issue 22), trimmed; absent or blank: none. At most 255 characters. */
export function idempotencyKeyOf(headers: Record<string, string | undefined>): string | undefined {
  const key = headers['idempotency-key']?.trim();
  if (!key) return undefined;
  if (key.length > 255) throw new HttpProblem('validation', `Idempotency-Key: at most 255 characters (got ${key.length})`);
  return key;
}

/** Marks an answer that repeats an earlier request's (nothing new stored). */
export const replayedHeader = (replayed: boolean): Record<string, string> => (replayed ? { 'idempotent-replayed': 'true' } : {});
