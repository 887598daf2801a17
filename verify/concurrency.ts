/**
 * 50 concurrent writers on the same documents through POST /v1/documents: the same rendition many times and
 * different renditions (the same text with trailing blank lines, so other bytes and the same metadata). Afterwards:
 * one work per document, each accepted rendition stored once among its sources, and the work's version equal to its
 * version before plus the number of writes that answered created/source_added (no lost update).
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
  fiveXx: number;
  durationMs: number;
}

interface Doc {
  name: string;
  text: string;
}

export async function runConcurrency(options: { base: string; editor: string; docs: Doc[]; writers: number; rounds: number }): Promise<ConcurrencyReport> {
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
  return {
    writers: options.writers,
    writes,
    byStatus,
    byOutcome,
    documents,
    lostUpdates,
    missingSources,
    duplicateWorks,
    fiveXx,
    durationMs: Math.round(performance.now() - started),
  };
}
