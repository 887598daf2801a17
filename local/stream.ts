/**
 * The local stream processor: reads the outbox in order and hands work changes to the same processWorkChanges
 * (links, then search index) the AWS indexer Lambda runs, committing its offset after each batch. At-least-once, like a stream; indexing is idempotent.
 */
import { processWorkChanges } from '../domain/services/changes';
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

/** Runs drainOutbox when poked and every `intervalMs` (writes from a CLI in another process land in the outbox too). */
export function startStream(embedded: Embedded, onError: (e: unknown) => void, intervalMs = 2000) {
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
