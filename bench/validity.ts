/**
 * `npm run --silent bench -- validity --json`: the answers that carry a document's validity (issue 18) over the
 * development corpus (`../shared/corpus/docs`, else the sample): for every document at 4 dates, its status, its
 * consolidated text and its timeline, and the search filter "in force on D". Baseline in the same run: the store
 * reads these answers start from (the document, its units and its incoming links), so the figures are the cost of
 * working out validity over reading. Reports the median of `rounds` rounds, in milliseconds per answer.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { consolidatedDocument, documentTimeline } from '../domain/services/consolidation';
import { ingestDocument } from '../domain/services/ingest';
import { searchDocuments } from '../domain/services/search';
import { documentStatus } from '../domain/services/status';
import { drainOutbox } from '../local/stream';
import { openEmbedded } from '../local/wiring';

const DATES = ['2016-06-30', '2021-06-01', '2024-07-01', '2026-01-01'];
const QUERIES = ['bao hiem xa hoi', 'muc luong toi thieu', 'tai nan lao dong', 'giam ngheo'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function validityBench(o: { rounds: number; corpus?: string; log(l: string): void }): Promise<Record<string, unknown>> {
  const candidates = [o.corpus, resolve(__dirname, '..', '..', 'shared', 'corpus', 'docs'), resolve(__dirname, '..', 'local', 'sample-corpus')];
  const dir = candidates.find((d): d is string => !!d && existsSync(d));
  if (!dir) throw new Error('no corpus found');
  const data = mkdtempSync(join(tmpdir(), 'bench-validity-'));
  const e = openEmbedded(data);
  try {
    for (const f of readdirSync(dir)
      .filter((x) => x.endsWith('.txt'))
      .sort())
      await ingestDocument(e.ports, { fileName: f, bytes: readFileSync(join(dir, f)) }).catch(() => undefined);
    await drainOutbox(e);
    const works = (await e.ports.works.list({ limit: 1000 })).items;
    o.log(`bench validity: ${works.length} documents from ${dir}, ${DATES.length} dates, ${o.rounds} rounds`);
    const timed = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    const rounds: Record<string, number>[] = [];
    for (let r = 0; r < o.rounds; r++) {
      const round: Record<string, number> = {};
      round.baseline = await timed(async () => {
        for (const w of works)
          for (const _ of DATES) {
            await e.ports.works.get(w.id);
            if (w.unitSet) await e.ports.units.listUnits(w.unitSet);
            await e.ports.links.incoming(w.id);
          }
      });
      round.status = await timed(async () => {
        for (const w of works) for (const at of DATES) await documentStatus(e.ports, w.id, at);
      });
      round.consolidated = await timed(async () => {
        for (const w of works) for (const at of DATES) await consolidatedDocument(e.ports, w.id, at);
      });
      round.timeline = await timed(async () => {
        for (const w of works) for (const _ of DATES) await documentTimeline(e.ports, w.id);
      });
      round.search = await timed(async () => {
        for (const q of QUERIES) for (const at of DATES) await searchDocuments(e.ports, { q, limit: 20, offset: 0, inForceAt: at });
      });
      rounds.push(round);
    }
    const perAnswer = (k: string, n: number) => Number((median(rounds.map((x) => x[k] as number)) / n).toFixed(3));
    const n = works.length * DATES.length;
    const out = {
      benchmark: 'validity',
      corpus: dir,
      documents: works.length,
      rounds: o.rounds,
      baselineMsPerDocument: perAnswer('baseline', n),
      statusMs: perAnswer('status', n),
      consolidatedMs: perAnswer('consolidated', n),
      timelineMs: perAnswer('timeline', n),
      searchMs: perAnswer('search', QUERIES.length * DATES.length),
    };
    return {
      ...out,
      ratios: {
        status: Number((out.statusMs / out.baselineMsPerDocument).toFixed(2)),
        consolidated: Number((out.consolidatedMs / out.baselineMsPerDocument).toFixed(2)),
        timeline: Number((out.timelineMs / out.baselineMsPerDocument).toFixed(2)),
      },
    };
  } finally {
    e.close();
    rmSync(data, { recursive: true, force: true });
  }
}
