/**
 * Withdrawing a document ingested by mistake, and reinstating it (issue 22; docs/adr/0011, amendment). A reviewer's
 * act, kept on the work (`work.withdrawn`: who, when, why) under optimistic locking; the version bump sends the work
 * down the stream like any write, and the consumer does the rest: the history records the change with its reason,
 * the withdrawn work's relations and effects are retracted (services/links.ts), the works they concerned have their
 * status refreshed, and the withdrawn work leaves the index (services/changes.ts). Reinstating undoes all of it the
 * same way. Both are idempotent: asking for the state the work is already in changes nothing.
 */
import { ConflictError, DomainError } from '../errors';
import type { Work } from '../model';
import type { Ports } from '../ports';
import { resolveWork } from './documents';

export interface WithdrawalResult {
  documentId: string;
  withdrawn: { actor: string; at: string; reason: string } | null;
  /** False when the work was already in that state (nothing written). */
  changed: boolean;
}

const MAX_ATTEMPTS = 8;

function checkReason(reason: string): string {
  const r = reason.trim();
  if (r.length < 3 || r.length > 2000) throw new DomainError('validation', 'reason: say why (3 to 2,000 characters)');
  return r;
}

async function setWithdrawn(
  ports: Pick<Ports, 'works' | 'clock'>,
  ref: string,
  req: { actor: string; reason: string },
  withdraw: boolean,
): Promise<WithdrawalResult> {
  const reason = checkReason(req.reason);
  const id = (await resolveWork(ports.works, ref)).id;
  for (let attempt = 1; ; attempt++) {
    const work = (await ports.works.get(id)) as Work;
    if (Boolean(work.withdrawn) === withdraw) return { documentId: id, withdrawn: work.withdrawn ?? null, changed: false };
    const at = ports.clock.now().toISOString();
    const withdrawn = withdraw ? { actor: req.actor, at, reason } : null;
    try {
      await ports.works.save(
        { ...work, withdrawn, lastChange: { actor: req.actor, action: withdraw ? 'withdraw' : 'reinstate', reason }, updatedAt: at },
        work.version,
      );
      return { documentId: id, withdrawn, changed: true };
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 20 * attempt)));
    }
  }
}

/** A reviewer withdraws a document (by id or number) with a reason. */
export const withdrawWork = (ports: Pick<Ports, 'works' | 'clock'>, ref: string, req: { actor: string; reason: string }) => setWithdrawn(ports, ref, req, true);

/** A reviewer reinstates a withdrawn document with a reason. */
export const reinstateWork = (ports: Pick<Ports, 'works' | 'clock'>, ref: string, req: { actor: string; reason: string }) =>
  setWithdrawn(ports, ref, req, false);
