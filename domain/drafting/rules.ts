/**
 * The rules of the drafting process: who may comment when (consultation windows in Vietnam time), who resolves
 * comments and how, and where each comment stands in the newest version (carry-over through unit matching).
 */
import { isCalendarDate } from '../dates';
import { DomainError } from '../errors';
import type { Actor, CommentStatus, ConsultationWindow, Draft, DraftComment, DraftVersion } from './types';

/** Roles that work on a draft from inside (drafting team, appraisal body, reviewers): they comment at any stage. */
export const TEAM_ROLES = ['drafter', 'appraiser', 'reviewer'];

/** The calendar date in Vietnam (UTC+7, no daylight saving) at a moment. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function validateWindow(w: ConsultationWindow): ConsultationWindow {
  for (const [k, v] of Object.entries(w)) if (!isCalendarDate(v)) throw new DomainError('validation', `window.${k}: ${v} is not a calendar date (YYYY-MM-DD)`);
  if (w.closes < w.opens) throw new DomainError('validation', `window: closes (${w.closes}) is before opens (${w.opens})`);
  return { opens: w.opens, closes: w.closes };
}

export const isTeam = (actor: Actor) => actor.roles.some((r) => TEAM_ROLES.includes(r));
export const isDrafterOf = (draft: Draft, actor: Actor) => actor.roles.includes('drafter') && draft.drafters.includes(actor.subject);

/** The drafting team only: a drafter listed on this draft. */
export function assertDrafterOf(draft: Draft, actor: Actor, what: string): void {
  if (!isDrafterOf(draft, actor))
    throw new DomainError('forbidden', `Only the drafting team of ${draft.id} (${draft.drafters.join(', ')}) may ${what}; you are ${actor.subject}`);
}

export function assertStillDraft(draft: Draft, what: string): void {
  if (draft.stage !== 'draft')
    throw new DomainError(
      'conflict',
      `Draft ${draft.id} was promulgated as ${draft.promotedTo?.number ?? draft.promotedTo?.workId ?? '?'}: ${what} is closed`,
      {
        id: draft.id,
      },
    );
}

/** A promotion under way (issue 22) freezes the versions: the retry must promulgate the text it started with. */
export function assertNotPromoting(draft: Draft, what: string): void {
  if (draft.promoting)
    throw new DomainError('conflict', `Draft ${draft.id} is being promulgated as ${draft.promoting.number}: ${what} is closed`, { id: draft.id });
}

/**
 * Whether this identity may comment now. The team comments while the draft is a draft; anyone else with the
 * commenter role only inside the public consultation window (inclusive dates in Vietnam). Returns whether the
 * comment is a public-consultation one; throws a conflict (409) with the window and today's date otherwise.
 */
export function assertMayComment(draft: Draft, actor: Actor, now: Date): { publicConsultation: boolean } {
  assertStillDraft(draft, 'commenting');
  if (isTeam(actor)) return { publicConsultation: false };
  const today = vietnamDay(now);
  const w = draft.window;
  if (!w)
    throw new DomainError('conflict', `Draft ${draft.id} has no public consultation window: the public cannot comment on it (today is ${today} in Vietnam)`, {
      id: draft.id,
    });
  if (today < w.opens || today > w.closes)
    throw new DomainError(
      'conflict',
      `Public consultation on draft ${draft.id} is open from ${w.opens} to ${w.closes} (Vietnam time); today is ${today}: ${today < w.opens ? 'not open yet' : 'closed'}`,
      { id: draft.id, window: w, today },
    );
  return { publicConsultation: true };
}

/** open → accepted | rejected, with the drafting team's explanation. A resolved comment stays as resolved. */
export function resolveTransition(comment: DraftComment, to: CommentStatus, explanation: string, actor: Actor, at: string): DraftComment {
  if (comment.parentId !== null) throw new DomainError('validation', `${comment.id} is a reply: only the comment it answers is accepted or rejected`);
  if (to === 'open') throw new DomainError('validation', 'status: a comment is resolved as accepted or rejected');
  if (!explanation.trim()) throw new DomainError('validation', 'explanation: the drafting team explains (giải trình) why it accepts or rejects');
  if (comment.status !== 'open')
    throw new DomainError('conflict', `Comment ${comment.id} was already ${comment.status} by ${comment.resolvedBy ?? '?'} on ${comment.resolvedAt ?? '?'}`, {
      id: comment.id,
    });
  return { ...comment, status: to, explanation: explanation.trim(), resolvedBy: actor.subject, resolvedAt: at, revision: comment.revision + 1 };
}

/** Where a comment stands in the newest accepted version. */
export interface CarriedComment extends DraftComment {
  /** The unit it follows in the newest version; null when orphaned. */
  currentEId: string | null;
  currentVersion: number;
  /** Its unit has no match in a later version: it stays attached to the version it was made on. */
  orphaned: boolean;
  /** The first version in which its unit had no match. */
  orphanedIn: number | null;
  /** The eIds it took from version to version, starting with the one it was made on. */
  trail: { version: number; eId: string }[];
}

/**
 * Carries comments forward: through each pair of consecutive accepted versions, a comment follows its unit's
 * match (`maps[i]` maps eIds of accepted version i to version i+1). Replies follow their root.
 */
export function carryComments(
  comments: DraftComment[],
  versions: Pick<DraftVersion, 'n' | 'status'>[],
  maps: Map<number, Map<string, string>>,
): CarriedComment[] {
  const accepted = versions
    .filter((v) => v.status === 'accepted')
    .map((v) => v.n)
    .sort((a, b) => a - b);
  const latest = accepted[accepted.length - 1] ?? 0;
  const byId = new Map(comments.map((c) => [c.id, c]));
  const follow = (c: DraftComment): Omit<CarriedComment, keyof DraftComment> => {
    const trail = [{ version: c.version, eId: c.eId }];
    let eId: string | null = c.eId;
    let orphanedIn: number | null = null;
    for (const n of accepted) {
      if (n <= c.version || eId === null) continue;
      const prevN = accepted[accepted.indexOf(n) - 1] as number;
      const next: string | undefined = maps.get(prevN)?.get(eId);
      if (next === undefined) {
        orphanedIn = n;
        eId = null;
      } else {
        eId = next;
        trail.push({ version: n, eId });
      }
    }
    return { currentEId: eId, currentVersion: latest, orphaned: eId === null, orphanedIn, trail };
  };
  const rootOf = (c: DraftComment): DraftComment => {
    let r = c;
    for (let i = 0; r.parentId && i < 100; i++) r = byId.get(r.parentId) ?? r;
    return r;
  };
  return comments.map((c) => ({ ...c, ...follow(rootOf(c)) }));
}
