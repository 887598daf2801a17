/**
 * `npm run --silent bench -- consolidate --json`: the point-in-time engine on a real law of about 200 articles
 * (Bộ luật Lao động 45/2019/QH14, 220 articles) under 1, 10 and 50 amending documents. Each amending document
 * replaces three clauses, renames one article, repeals one clause and edits a phrase (six effects), on its own date,
 * as real amending laws do. Baseline in the same run: consolidating with no effect at all (copying the tree).
 * Reports median milliseconds per consolidation at the last amendment's date, and for the timeline of versions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { consolidate, versionsOf } from '../domain/consolidate/engine';
import type { Effect } from '../domain/effects/types';
import type { Unit } from '../domain/model';
import { parseDocument } from '../domain/parse/parse';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function time(rounds: number, f: () => unknown): number {
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  return Math.round(median(ms) * 100) / 100;
}

function flatten(units: Unit[]): Unit[] {
  return units.flatMap((u) => [u, ...flatten(u.children)]);
}

/** `n` amending documents, one date each, six effects each, on articles spread over the law. */
export function syntheticAmendments(units: Unit[], n: number): Effect[] {
  const all = flatten(units);
  const articles = all.filter((u) => u.kind === 'article');
  const clauses = all.filter((u) => u.kind === 'clause');
  const effects: Effect[] = [];
  for (let d = 0; d < n; d++) {
    const workId = `bench-amend-${d}`;
    const date = new Date(Date.UTC(2021, 0, 1) + d * 30 * 86_400_000).toISOString().slice(0, 10);
    const source = (i: number) => ({ workId, number: `${d + 1}/2025/QH15`, typeLabel: 'Luật', eId: `art_1__para_${i + 1}`, text: 'bench', line: i + 1 });
    const pick = <T>(xs: T[], k: number) => xs[(d * 7 + k * 13) % xs.length] as T;
    const base = (i: number, target: string, operation: Effect['operation'], payload: Effect['payload']): Effect => ({
      id: `${workId}:art_1__para_${i + 1}:1`,
      source: source(i),
      target: { workId: 'base', number: '45/2019/QH14', eId: target },
      operation,
      payload,
      effectiveFrom: date,
      state: 'pending',
    });
    for (let k = 0; k < 3; k++) {
      const c = pick(clauses, k);
      effects.push(base(k, c.eId, 'replace_unit', { units: [{ ...c, text: `${c.text} (sửa đổi lần ${d + 1})`, children: c.children }] }));
    }
    const a = pick(articles, 3);
    effects.push(base(3, a.eId, 'rename_heading', { heading: `${a.heading ?? ''} (tên mới ${d + 1})` }));
    effects.push(base(4, pick(clauses, 4).eId, 'repeal_unit', {}));
    effects.push(base(5, pick(articles, 5).eId, 'replace_phrase', { phrase: 'người lao động', replacement: 'người làm việc' }));
  }
  return effects;
}

export async function consolidateBench(o: { rounds: number; corpus?: string; log(l: string): void }): Promise<Record<string, unknown>> {
  const candidates = [o.corpus, resolve(__dirname, '..', '..', 'shared', 'corpus', 'docs'), resolve(__dirname, '..', 'local', 'sample-corpus')];
  const dir = candidates.find((d): d is string => !!d && existsSync(join(d, '45-2019-QH14.txt')));
  if (!dir) throw new Error('45-2019-QH14.txt not found in the corpus');
  const parsed = parseDocument(readFileSync(join(dir, '45-2019-QH14.txt'), 'utf8'), 'text');
  const units = parsed.units as unknown as Unit[];
  const articles = flatten(units).filter((u) => u.kind === 'article').length;
  const base = { workId: 'base', units, effective: '2021-01-01' };
  const rounds = Math.max(o.rounds, 5);
  const baselineMs = time(rounds, () => consolidate(base, [], '2030-01-01'));
  const rows = [1, 10, 50].map((n) => {
    const effects = syntheticAmendments(units, n);
    const last = effects.at(-1)?.effectiveFrom ?? '2030-01-01';
    const result = consolidate(base, effects, last);
    const ms = time(rounds, () => consolidate(base, effects, last));
    const versionsMs = time(Math.min(rounds, 3), () => versionsOf(base, effects));
    o.log(`${n} amending documents: ${effects.length} effects, ${result.applied.length} applied, ${result.unapplied.length} unapplied, ${ms} ms`);
    return { articles, amendments: n, effects: effects.length, applied: result.applied.length, unapplied: result.unapplied.length, ms, versionsMs };
  });
  const first = rows[0]?.ms ?? 1;
  return {
    rows,
    baseline: { what: 'consolidate with no effect (tree copy)', ms: baselineMs },
    growth: rows.map((r) => ({ amendments: r.amendments, vsOne: Math.round((r.ms / Math.max(first, 0.01)) * 10) / 10 })),
  };
}
