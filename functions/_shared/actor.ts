/** The identity of a write route as the domain's Actor (the route table already required one with the right role). */
import type { Actor } from '../../domain/drafting/types';
import type { Identity } from './http';
import { HttpProblem } from './problem';

export function actorOf(identity: Identity | null): Actor {
  if (!identity) throw new HttpProblem('unauthenticated', 'Send a bearer token of an identity');
  return { subject: identity.subject, roles: identity.roles };
}
