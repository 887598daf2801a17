/**
 * The local stream processor: reads the outbox in order and hands work changes to the same processWorkChanges
 * (links, then search index) the AWS indexer Lambda runs, committing its offset after each batch. At-least-once, like a stream; indexing is idempotent.
 */
import { processWorkChanges } from '../domain/services/changes';
import { notifySubscribers } from '../domain/services/subscriptions';
import type { RetryPolicy } from '../domain/subscriptions/retry';
import { retryPolicyFromEnv } from '../functions/_shared/config';
import type { Embedded } from './wiring';

export const INDEXER = 'indexer';

/** Processes everything pending now; returns how many changes it consumed. */
export async function drainOutbox(embedded: Embedded): Promise<number> {
  let consumed = 0;
  for (;;) {
    const batch = embedded.outbox.after(embedded.outbox.offset(INDEXER));
    const last = batch[batch.length - 1];
    if (!last) return consumed;
    const ids = batch.filter((c) => c.entity === 'work').map((c) => c.entityId);
    await processWorkChanges(embedded.ports, ids);
    embedded.outbox.commit(INDEXER, last.seq);
    consumed += batch.length;
  }
}

/** Subscriptions (docs/adr/0022), as functions/notifier runs them on AWS. */
export async function notifyLocally(embedded: Embedded, retry: RetryPolicy = retryPolicyFromEnv()) {
  const { subscriptions, webhooks } = embedded.ports;
  if (!subscriptions || !webhooks) return null;
  return notifySubscribers({ ...embedded.ports, subscriptions }, webhooks, retry);
}

/**
 * Runs `work` when poked, one run at a time; a poke during a run asks for one more run after it. Answers the run
 * under way (or the one it started), which ends when no more were asked.
 */
function serialLoop(work: () => Promise<void>, onError: (e: unknown) => void) {
  let running: Promise<void> | null = null;
  let again = false;
  return (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await work();
        } catch (e) {
          onError(e);
        }
      } while (again);
      running = null;
    })();
    return running;
  };
}

/**
 * Runs drainOutbox when poked and every `intervalMs` (writes from a CLI in another process land in the outbox too),
 * and the notifier of subscriptions after each drain and on the same interval (retries fall due without any write),
 * in a loop of its own: a slow webhook receiver never holds the indexing back. `poke` answers when both are done.
 */
export function startStream(embedded: Embedded, onError: (e: unknown) => void, intervalMs = 2000) {
  const retry = retryPolicyFromEnv();
  const notify = serialLoop(async () => {
    const r = await notifyLocally(embedded, retry);
    if (r?.dispatchError) throw new Error(`Subscriptions: matching the history failed: ${r.dispatchError}`);
  }, onError);
  const drain = serialLoop(async () => {
    await drainOutbox(embedded);
  }, onError);
  const run = async (): Promise<void> => {
    await drain();
    await notify();
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return { poke: run, stop: () => clearInterval(timer) };
}
