import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from '../domain/parse/parse';
import { ingestDocument, sha256Hex } from '../domain/services/ingest';
import { normalizeText } from '../domain/text/normalize';
import { drainOutbox } from '../local/stream';
import { openEmbedded } from '../local/wiring';

export interface BenchOptions {
  rounds: number;
  corpus?: string;
  log(line: string): void;
}

type Bench = (o: BenchOptions) => Promise<Record<string, unknown>>;

/** The development corpus beside the repo when present (CI and developers), else the sample shipped in the repo. */
function corpusFiles(dir?: string): { dir: string; files: { name: string; bytes: Buffer }[] } {
  const candidates = [dir, resolve(__dirname, '..', '..', 'shared', 'corpus', 'docs'), resolve(__dirname, '..', 'local', 'sample-corpus')];
  const found = candidates.find((d): d is string => !!d && existsSync(d));
  if (!found) throw new Error('no corpus found');
  const files = readdirSync(found)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(found, name)) }));
  return { dir: found, files };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Ingest (store original + record + index) of the whole corpus into a fresh embedded store, per round. */
const ingest: Bench = async ({ rounds, corpus, log }) => {
  const { dir, files } = corpusFiles(corpus);
  const mb = files.reduce((n, f) => n + f.bytes.length, 0) / 1024 / 1024;
  const seconds: number[] = [];
  const baseline: number[] = [];
  let peakRss = 0;
  let rejected = 0;
  for (let r = 0; r < rounds; r++) {
    // Baseline: the unavoidable part (hash and normalise every byte), same bytes, same process.
    let t = performance.now();
    for (const f of files) normalizeText(f.bytes.toString('utf8')).length + sha256Hex(f.bytes).length;
    baseline.push((performance.now() - t) / 1000);

    const data = mkdtempSync(join(tmpdir(), 'csdl-bench-'));
    const embedded = openEmbedded(data);
    t = performance.now();
    rejected = 0;
    for (const f of files) {
      try {
        await ingestDocument(embedded.ports, { fileName: f.name, bytes: f.bytes });
      } catch {
        rejected++;
      }
    }
    await drainOutbox(embedded);
    seconds.push((performance.now() - t) / 1000);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    embedded.close();
    rmSync(data, { recursive: true, force: true });
    log(`round ${r + 1}: ${seconds[r]?.toFixed(2)} s (baseline ${baseline[r]?.toFixed(3)} s)`);
  }
  const s = median(seconds);
  const b = median(baseline);
  return {
    benchmark: 'ingest',
    corpus: dir,
    documents: files.length,
    rejected,
    mb: Number(mb.toFixed(2)),
    rounds,
    medianSeconds: Number(s.toFixed(3)),
    mbPerSec: Number((mb / s).toFixed(2)),
    baselineMbPerSec: Number((mb / b).toFixed(2)),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
};

/**
 * Parse (normalise, clean, metadata, structure) of every corpus text, `rounds` times over. Baseline: a bare line scan
 * of the same strings (split into lines and test each against one regex), in the same run.
 */
const parse: Bench = async ({ rounds, corpus, log }) => {
  const { dir, files } = corpusFiles(corpus);
  const texts = files.map((f) => ({ text: f.bytes.toString('utf8'), markdown: /\*\*[^*\n]+\*\*/.test(f.bytes.toString('utf8', 0, 20000)) }));
  const mb = files.reduce((n, f) => n + f.bytes.length, 0) / 1024 / 1024;
  const seconds: number[] = [];
  const baseline: number[] = [];
  let peakRss = 0;
  let units = 0;
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    let hits = 0;
    for (const { text } of texts) for (const line of text.split('\n')) if (/^Điều \d/u.test(line)) hits++;
    baseline.push((performance.now() - t) / 1000);
    t = performance.now();
    units = 0;
    for (const { text, markdown } of texts) units += countUnits(parseDocument(text, markdown ? 'markdown' : 'text').units);
    seconds.push((performance.now() - t) / 1000);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    log(`round ${r + 1}: ${seconds[r]?.toFixed(3)} s (baseline ${baseline[r]?.toFixed(3)} s, ${hits} article lines)`);
  }
  const s = median(seconds);
  const b = median(baseline);
  return {
    benchmark: 'parse',
    corpus: dir,
    documents: files.length,
    units,
    mb: Number(mb.toFixed(2)),
    rounds,
    medianSeconds: Number(s.toFixed(3)),
    mbPerSec: Number((mb / s).toFixed(2)),
    baselineMbPerSec: Number((mb / b).toFixed(2)),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
};

const countUnits = (us: { children: unknown[] }[]): number => us.reduce((n, u) => n + 1 + countUnits(u.children as { children: unknown[] }[]), 0);

export const BENCHMARKS: Record<string, Bench> = { ingest, parse };
