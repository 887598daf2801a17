/**
 * A judged query set built from the sample corpus, and the measures (recall@10, MRR) to score a search engine on it.
 * Known-item queries: an article's heading typed without diacritics or with them (the article is the answer), and a
 * document's number as people type it, and its title with its year ("bo luat lao dong 2019"): the document is the answer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ports } from '../../domain/ports';
import { ingestDocument } from '../../domain/services/ingest';
import { refreshWorks } from '../../domain/services/changes';
import { searchDocuments } from '../../domain/services/search';
import { fold } from '../../domain/text/normalize';
import { SAMPLE_DIR } from './fixtures';

export interface Judged {
  q: string;
  kind: 'heading-folded' | 'heading-exact' | 'number' | 'title-year';
  /** A hit is relevant when its document is this one and its eId is this one or inside it (null: the document). */
  workId: string;
  eId: string | null;
}

export async function loadSample(ports: Ports): Promise<void> {
  for (const f of readdirSync(SAMPLE_DIR)
    .filter((x) => x.endsWith('.txt'))
    .sort()) {
    const r = await ingestDocument(ports, { fileName: f, bytes: readFileSync(join(SAMPLE_DIR, f)) });
    await refreshWorks(ports, [r.work.id]);
  }
}

/**
 * Every 7th article with a distinctive heading (4+ words, unique in the corpus), plus every document's number (as
 * printed and folded with dashes) and its title with the year of issue, without diacritics.
 */
export async function judgedQueries(ports: Ports): Promise<Judged[]> {
  const works = (await ports.works.list({ limit: 100 })).items;
  const headings: { workId: string; eId: string; heading: string }[] = [];
  for (const w of works) {
    for (const u of w.unitSet ? await ports.units.listUnits(w.unitSet) : [])
      if (u.kind === 'article' && u.heading && u.heading.split(/\s+/).length >= 4) headings.push({ workId: w.id, eId: u.eId, heading: u.heading });
  }
  const counts = new Map<string, number>();
  for (const h of headings) counts.set(fold(h.heading), (counts.get(fold(h.heading)) ?? 0) + 1);
  const unique = headings.filter((h) => counts.get(fold(h.heading)) === 1);
  const queries: Judged[] = unique
    .filter((_, i) => i % 7 === 0)
    .map((h, i) => ({ q: i % 2 ? h.heading : fold(h.heading), kind: i % 2 ? 'heading-exact' : 'heading-folded', workId: h.workId, eId: h.eId }));
  for (const w of works)
    if (w.number) {
      queries.push({ q: w.number, kind: 'number', workId: w.id, eId: null });
      queries.push({ q: fold(w.number).replace(/\//g, '-'), kind: 'number', workId: w.id, eId: null });
    }
  for (const w of works)
    if (w.title && w.issued && w.type !== 'van_ban_hop_nhat')
      queries.push({ q: `${fold(w.title).toLowerCase()} ${w.issued.slice(0, 4)}`, kind: 'title-year', workId: w.id, eId: null });
  return queries;
}

export interface Scores {
  queries: number;
  recallAt10: number;
  mrr: number;
  byKind: Record<string, { queries: number; recallAt10: number; mrr: number }>;
}

export async function score(ports: Ports, judged: Judged[]): Promise<Scores> {
  const ranks: { kind: string; rank: number | null }[] = [];
  for (const j of judged) {
    const { hits } = await searchDocuments(ports, { q: j.q, limit: 10, offset: 0 });
    const at = hits.findIndex(
      (h) => h.workId === j.workId && (j.eId === null ? h.kind === 'document' : h.eId === j.eId || (h.eId ?? '').startsWith(`${j.eId}__`)),
    );
    ranks.push({ kind: j.kind, rank: at >= 0 ? at + 1 : null });
  }
  const summarise = (rs: typeof ranks) => ({
    queries: rs.length,
    recallAt10: rs.filter((r) => r.rank !== null).length / Math.max(1, rs.length),
    mrr: rs.reduce((n, r) => n + (r.rank ? 1 / r.rank : 0), 0) / Math.max(1, rs.length),
  });
  const kinds = [...new Set(ranks.map((r) => r.kind))];
  return { ...summarise(ranks), byKind: Object.fromEntries(kinds.map((k) => [k, summarise(ranks.filter((r) => r.kind === k))])) };
}
