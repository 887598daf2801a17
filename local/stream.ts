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
 * Runs drainOutbox, then notifySubscribers, when poked and every `intervalMs` (writes from a CLI in another process
 * land in the outbox too; retries fall due without any write).
 */
export function startStream(embedded: Embedded, onError: (e: unknown) => void, intervalMs = 2000) {
  const retry = retryPolicyFromEnv();
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await drainOutbox(embedded);
          await notifyLocally(embedded, retry);
        } catch (e) {
          onError(e);
        }
      } while (again);
      running = null;
    })();
    return running;
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return { poke: run, stop: () => clearInterval(timer) };
}
