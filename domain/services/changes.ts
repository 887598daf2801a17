/**
 * What happens after works are written, on every runtime (the DynamoDB stream Lambda on AWS, the outbox locally), in
 * four steps (docs/adr/0017):
 * 1. each work's new version goes into its history (services/history.ts);
 * 2. its links (relations, effects) are re-read from its text (services/links.ts): the original is parsed once,
 *    and not at all in the process that ingested it (domain/parse/memo.ts);
 * 3. the status of it and of every work whose incoming links changed is refreshed, a change of status being a
 *    history event (services/status.ts, refreshStatus);
 * 4. their index entries are written with that status (services/search.ts, indexWork).
 * The steps read through one cache for the change: each work and each history is read once, and read again only
 * after this change wrote it.
 */
import { vietnamDate } from '../dates';
import type { HistoryEvent } from '../history/types';
import type { Work } from '../model';
import type { Ports } from '../ports';
import { nameKeys, workIdForName } from '../refs';
import { recordDocumentVersions } from './history';
import { linkWorks } from './links';
import { indexWork } from './search';
import { refreshStatus } from './status';

/**
 * The ports with reads of works and histories kept for the life of one change: a second read of the same work or
 * history is the first's, with what this change wrote since (a saved work, appended events) applied to it.
 */
export function readOnce(ports: Ports): Ports {
  const works = new Map<string, Promise<Work | null>>();
  const histories = new Map<string, Promise<HistoryEvent[]>>();
  return {
    ...ports,
    // The repository's own methods stay reachable (a class instance: spreading it would drop its prototype's).
    works: Object.assign(Object.create(ports.works) as Ports['works'], {
      get: (id: string) => {
        let w = works.get(id);
        if (!w) {
          w = ports.works.get(id);
          works.set(id, w);
          w.catch(() => works.delete(id));
        }
        return w;
      },
      save: async (work: Work, expectedVersion: number) => {
        works.delete(work.id);
        const saved = await ports.works.save(work, expectedVersion);
        works.set(work.id, Promise.resolve(saved));
        return saved;
      },
    }),
    history: Object.assign(Object.create(ports.history) as Ports['history'], {
      forWork: (id: string) => {
        let h = histories.get(id);
        if (!h) {
          h = ports.history.forWork(id);
          histories.set(id, h);
          h.catch(() => histories.delete(id));
        }
        return h;
      },
      append: async (events: HistoryEvent[]) => {
        await ports.history.append(events);
        // Appending is idempotent by event id: the kept history takes the events it does not hold yet, at its end.
        for (const id of new Set(events.map((e) => e.workId))) {
          const kept = histories.get(id);
          if (!kept) continue;
          const held = await kept;
          const ids = new Set(held.map((e) => e.id));
          histories.set(id, Promise.resolve([...held, ...events.filter((e) => e.workId === id && !ids.has(e.id))]));
        }
      },
    }),
  };
}

/**
 * Refreshes the status (step 3) and the index entries (step 4) of these works; a work no longer stored, or withdrawn,
 * leaves the index.
 */
export async function refreshWorks(ports: Ports, ids: string[]): Promise<{ indexed: string[]; removed: string[] }> {
  const indexed: string[] = [];
  const removed: string[] = [];
  for (const id of [...new Set(ids)]) {
    const work = await ports.works.get(id);
    // A withdrawn work (services/withdrawal.ts) is in no search until it is reinstated.
    if (!work || work.withdrawn) {
      await ports.search.removeWork(id);
      removed.push(id);
      continue;
    }
    const status = await refreshStatus(ports, work);
    await indexWork(ports, work, status.status, status.expiry, { input: status.input, today: vietnamDate(ports.clock.now()) });
    indexed.push(id);
  }
  return { indexed, removed };
}

export async function processWorkChanges(ports: Ports, ids: string[]): Promise<{ indexed: string[]; removed: string[]; affected: string[] }> {
  const once = readOnce(ports);
  await recordDocumentVersions(once, ids);
  const linked = await linkWorks(once, ids);
  // Documents that cited one of these by name and date before it was here: read their links again, now they find it.
  const citing = await citingByName(once, ids);
  const affected = [...linked.affected, ...(citing.length > 0 ? (await linkWorks(once, citing)).affected : [])];
  const existing: string[] = [];
  for (const id of affected) if (!ids.includes(id) && (await once.works.get(id))) existing.push(id);
  const res = await refreshWorks(once, [...ids, ...existing]);
  return { ...res, affected: existing };
}

/** The works whose relations point at a name placeholder of one of these works (refs.ts workIdForName). */
async function citingByName(ports: Ports, ids: string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const id of ids) {
    const work = await ports.works.get(id);
    if (!work || work.withdrawn) continue;
    for (const key of nameKeys(work))
      for (const r of (await ports.links.incoming(workIdForName(key))).relations) if (r.source.workId !== id) out.add(r.source.workId);
  }
  return [...out].filter((id) => !ids.includes(id));
}

/** Rebuilds the index (and the stored statuses) from the store, page by page: after a mapping change or a lost index. */
export async function reindexAll(ports: Ports, onProgress?: (done: number) => void): Promise<number> {
  let done = 0;
  let cursor: string | undefined;
  do {
    const page = await ports.works.list({ limit: 50, ...(cursor ? { cursor } : {}) });
    await refreshWorks(
      ports,
      page.items.map((w) => w.id),
    );
    done += page.items.length;
    onProgress?.(done);
    cursor = page.nextCursor;
  } while (cursor);
  return done;
}
