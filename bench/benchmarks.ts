import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from '../domain/parse/parse';
import { ingestDocument, sha256Hex } from '../domain/services/ingest';
import { normalizeText } from '../domain/text/normalize';
import { drainOutbox } from '../local/stream';
import { openEmbedded } from '../local/wiring';
import { consolidateBench } from './consolidate';
import { phapdienImportBench } from './phapdien';
import { validityBench } from './validity';

export interface BenchOptions {
  rounds: number;
  corpus?: string;
  log(line: string): void;
}

type Bench = (o: BenchOptions) => Promise<Record<string, unknown>>;

/** The development corpus beside the repo when present (CI and developers), else the sample shipped in the repo. */
interface CorpusFile {
  name: string;
  bytes: Buffer;
  text: string;
  markdown: boolean;
}

function corpusFiles(dir?: string): { dir: string; files: CorpusFile[] } {
  const candidates = [dir, resolve(__dirname, '..', '..', 'shared', 'corpus', 'docs'), resolve(__dirname, '..', 'local', 'sample-corpus')];
  const found = candidates.find((d): d is string => !!d && existsSync(d));
  if (!found) throw new Error('no corpus found');
  const files = readdirSync(found)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(found, name));
      const text = bytes.toString('utf8');
      return { name, bytes, text, markdown: /\*\*[^*\n]+\*\*/.test(text.slice(0, 20000)) };
    });
  return { dir: found, files };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/**
 * Runs `work` and `baseline` once per round on the same bytes, and reports medians as MB/s beside each other.
 * `work` returns extra figures to report (from its last round).
 */
async function measure(
  name: string,
  { rounds, corpus, log }: BenchOptions,
  baseline: (files: CorpusFile[]) => void,
  work: (files: CorpusFile[]) => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const { dir, files } = corpusFiles(corpus);
  const mb = files.reduce((n, f) => n + f.bytes.length, 0) / 1024 / 1024;
  const seconds: number[] = [];
  const base: number[] = [];
  let peakRss = 0;
  let extra: Record<string, unknown> = {};
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    baseline(files);
    base.push((performance.now() - t) / 1000);
    t = performance.now();
    extra = await work(files);
    seconds.push((performance.now() - t) / 1000);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    log(`round ${r + 1}: ${seconds[r]?.toFixed(3)} s (baseline ${base[r]?.toFixed(3)} s)`);
  }
  const s = median(seconds);
  return {
    benchmark: name,
    corpus: dir,
    documents: files.length,
    ...extra,
    mb: Number(mb.toFixed(2)),
    rounds,
    medianSeconds: Number(s.toFixed(3)),
    mbPerSec: Number((mb / s).toFixed(2)),
    baselineMbPerSec: Number((mb / median(base)).toFixed(2)),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
}

/**
 * Ingest (store original + record + units + index) of the whole corpus into a fresh embedded store, per round.
 * Baseline: the unavoidable part (hash and normalise every byte).
 */
const ingest: Bench = (o) =>
  measure(
    'ingest',
    o,
    (files) => {
      for (const f of files) normalizeText(f.bytes.toString('utf8')).length + sha256Hex(f.bytes).length;
    },
    async (files) => {
      const data = mkdtempSync(join(tmpdir(), 'csdl-bench-'));
      const embedded = openEmbedded(data);
      let rejected = 0;
      for (const f of files) {
        try {
          await ingestDocument(embedded.ports, { fileName: f.name, bytes: f.bytes });
        } catch {
          rejected++;
        }
      }
      await drainOutbox(embedded);
      embedded.close();
      rmSync(data, { recursive: true, force: true });
      return { rejected };
    },
  );

/**
 * Parse (normalise, clean, metadata, structure) of every corpus text. Baseline: a bare line scan of the same strings
 * (split into lines, one anchored regex per line).
 */
const parse: Bench = (o) =>
  measure(
    'parse',
    o,
    (files) => {
      let hits = 0;
      for (const f of files) for (const line of f.text.split('\n')) if (/^Điều \d/u.test(line)) hits++;
      return hits;
    },
    async (files) => ({ units: files.reduce((n, f) => n + countUnits(parseDocument(f.text, f.markdown ? 'markdown' : 'text').units), 0) }),
  );

const countUnits = (us: { children: unknown[] }[]): number => us.reduce((n, u) => n + 1 + countUnits(u.children as { children: unknown[] }[]), 0);

export const BENCHMARKS: Record<string, Bench> = {
  ingest,
  parse,
  consolidate: consolidateBench,
  'phapdien-import': phapdienImportBench,
  validity: validityBench,
};
