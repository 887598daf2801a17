/**
 * 50 concurrent writers on the same documents through POST /v1/documents: the same rendition many times and
 * different renditions (the same text with trailing blank lines, so other bytes and the same metadata). Afterwards:
 * one work per document, each accepted rendition stored once among its sources, and the work's version equal to its
 * version before plus the number of writes that answered created/source_added (no lost update). Then as many
 * concurrent reviewers add relations to one of those documents (each a different citation, some sending the same edit
 * twice): every edit answered 201 is in the document's history exactly once, every repeat answered 200 (no lost or
 * doubled edit).
 */
import { createHash } from 'node:crypto';

export interface ConcurrencyReport {
  writers: number;
  writes: number;
  byStatus: Record<string, number>;
  byOutcome: Record<string, number>;
  documents: { id: string; before: number; after: number; successfulWrites: number; sources: number; duplicates: number }[];
  lostUpdates: number;
  /** Renditions whose write answered success but that are not among the stored sources. */
  missingSources: number;
  duplicateWorks: number;
  /** Concurrent reviewer edits: sent, stored (201), repeats answered 200, and edits found in the history. */
  reviews?: { sent: number; created: number; repeats: number; inHistory: number; lost: number };
  fiveXx: number;
  durationMs: number;
}

interface Doc {
  name: string;
  text: string;
}

export async function runConcurrency(options: {
  base: string;
  editor: string;
  reviewer?: string;
  docs: Doc[];
  writers: number;
  rounds: number;
}): Promise<ConcurrencyReport> {
  const started = performance.now();
  const auth = { authorization: `Bearer ${options.editor}`, 'content-type': 'application/json' };
  const byStatus: Record<string, number> = {};
  const byOutcome: Record<string, number> = {};
  // What each document id was before, and which renditions were accepted for it.
  const accepted = new Map<string, { successes: number; shas: Set<string> }>();
  let fiveXx = 0;
  let writes = 0;

  const idOf = new Map<string, string>();
  const before = new Map<string, number>();

  const write = async (doc: Doc, variant: number) => {
    // variant 0: the text as it is (same bytes from many writers); n > 0: n trailing newlines (another rendition).
    const content = variant === 0 ? doc.text : `${doc.text}${'\n'.repeat(variant)}`;
    const sha = createHash('sha256').update(Buffer.from(content, 'utf8')).digest('hex');
    const res = await fetch(`${options.base}/v1/documents`, { method: 'POST', headers: auth, body: JSON.stringify({ fileName: doc.name, content }) });
    writes++;
    byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
    if (res.status >= 500) fiveXx++;
    if (res.status !== 200 && res.status !== 201) return;
    const body = (await res.json()) as { outcome: string; document: { id: string } };
    byOutcome[body.outcome] = (byOutcome[body.outcome] ?? 0) + 1;
    const entry = accepted.get(body.document.id) ?? { successes: 0, shas: new Set<string>() };
    if (body.outcome === 'created' || body.outcome === 'source_added') entry.successes++;
    entry.shas.add(sha);
    accepted.set(body.document.id, entry);
    idOf.set(doc.name, body.document.id);
  };

  // Versions before: read each document by the number its file would give (404 = not there yet).
  const probe = async (doc: Doc) => {
    const res = await fetch(`${options.base}/v1/lint`, { method: 'POST', headers: auth, body: JSON.stringify({ fileName: doc.name, content: doc.text }) });
    const number = res.ok ? ((await res.json()) as { metadata: { number: string | null } }).metadata.number : null;
    if (!number) return;
    const got = await fetch(`${options.base}/v1/documents/${encodeURIComponent(number)}`);
    if (got.ok) {
      const w = (await got.json()) as { id: string; version: number };
      before.set(w.id, w.version);
    }
  };
  await Promise.all(options.docs.map(probe));

  for (let round = 0; round < options.rounds; round++) {
    await Promise.all(
      Array.from({ length: options.writers }, (_, i) => {
        const doc = options.docs[i % options.docs.length] as Doc;
        // Half the writers send the same bytes; the others each their own rendition (distinct per round).
        const variant = i % 2 === 0 ? 0 : 1 + Math.floor(i / 2) + round * options.writers;
        return write(doc, variant % 45);
      }),
    );
  }

  const documents: ConcurrencyReport['documents'] = [];
  let lostUpdates = 0;
  let missingSources = 0;
  let duplicateWorks = 0;
  for (const [id, entry] of accepted) {
    const res = await fetch(`${options.base}/v1/documents/${encodeURIComponent(id)}`);
    const w = (await res.json()) as { id: string; number: string | null; version: number; sources: { sha256: string }[] };
    const shas = w.sources.map((s) => s.sha256);
    const duplicates = shas.length - new Set(shas).size;
    const expected = (before.get(id) ?? 0) + entry.successes;
    lostUpdates += Math.abs(w.version - expected) + duplicates;
    for (const sha of entry.shas) if (!shas.includes(sha)) missingSources++;
    if (w.number) {
      const list = (await (await fetch(`${options.base}/v1/documents?number=${encodeURIComponent(w.number)}`)).json()) as { items: { id: string }[] };
      if (list.items.length !== 1) duplicateWorks += list.items.length - 1;
    }
    documents.push({ id, before: before.get(id) ?? 0, after: w.version, successfulWrites: entry.successes, sources: shas.length, duplicates });
  }
  let reviews: ConcurrencyReport['reviews'];
  const target = [...accepted.keys()][0];
  if (options.reviewer && target) {
    const headers = { authorization: `Bearer ${options.reviewer}`, 'content-type': 'application/json' };
    const path = `${options.base}/v1/documents/${encodeURIComponent(target)}/relations`;
    // Writer i cites document i; every fifth writer's edit is also sent by a second writer (the same request twice).
    const edits = Array.from({ length: options.writers }, (_, i) => ({
      relation: { type: 'cites', direction: 'outgoing', other: `${900 + i}/2020/NĐ-CP` },
      reason: `Kiểm tra đồng thời: dẫn chiếu ${i}`,
    }));
    const sends = [...edits, ...edits.filter((_, i) => i % 5 === 0)];
    const statuses = await Promise.all(
      sends.map(async (body) => {
        const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
        if (res.status >= 500) fiveXx++;
        await res.arrayBuffer();
        return res.status;
      }),
    );
    const created = statuses.filter((st) => st === 201).length;
    const repeats = statuses.filter((st) => st === 200).length;
    const history = (await (await fetch(`${options.base}/v1/documents/${encodeURIComponent(target)}/history`)).json()) as {
      events: { kind: string; reason: string | null; review?: { id: string } }[];
    };
    const mine = history.events.filter((e) => e.kind === 'relation.reviewed' && e.reason?.startsWith('Kiểm tra đồng thời'));
    const inHistory = new Set(mine.map((e) => e.review?.id)).size;
    // Each distinct edit stored once: created = distinct edits = edits in the history; repeats = the rest.
    const lost = Math.abs(created - edits.length) + Math.abs(inHistory - edits.length) + Math.abs(repeats - (sends.length - edits.length));
    lostUpdates += lost;
    reviews = { sent: sends.length, created, repeats, inHistory, lost };
  }
  return {
    writers: options.writers,
    writes,
    byStatus,
    byOutcome,
    documents,
    lostUpdates,
    missingSources,
    duplicateWorks,
    ...(reviews ? { reviews } : {}),
    fiveXx,
    durationMs: Math.round(performance.now() - started),
  };
}
