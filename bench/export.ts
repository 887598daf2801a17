/**
 * `npm run --silent bench -- export --json [--data DIR]`: the bulk dump (domain/services/bulk.ts) of the real corpus —
 * every document of ../shared/corpus/docs and /more and the whole Bộ pháp điển (62,282 articles) — time, peak RSS
 * and the size of each file. Baseline in the same run: reading every record the dump reads (works, units, links,
 * codified articles) without building or compressing anything. `--data DIR` keeps the loaded store for later runs
 * (loading takes minutes; a DIR that holds documents is used as it is).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exportBulk } from '../domain/services/bulk';
import { importHeading, importTree } from '../domain/services/codification';
import { ingestDocument } from '../domain/services/ingest';
import { exportFileId, findExportFiles, readExportFile } from '../local/phapdien-files';
import { drainOutbox } from '../local/stream';
import { openEmbedded } from '../local/wiring';

const SHARED = resolve(__dirname, '..', '..', 'shared', 'corpus');

export async function exportBench(o: { data?: string; log(l: string): void }): Promise<Record<string, unknown>> {
  const data = o.data ?? join(resolve(__dirname, '..'), '.cache', 'bench-export');
  mkdirSync(data, { recursive: true });
  const embedded = openEmbedded(data);
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    let loadSeconds: number | null = null;
    if ((await embedded.ports.works.list({ limit: 1 })).items.length === 0) {
      const t = performance.now();
      const dirs = ['docs', 'more'].map((d) => join(SHARED, d)).filter(existsSync);
      if (dirs.length === 0) o.log(`${SHARED}: the development corpus is not there; the dump has the sample only`);
      const files = (dirs.length ? dirs : [resolve(__dirname, '..', 'local', 'sample-corpus')]).flatMap((d) =>
        readdirSync(d)
          .filter((f) => f.endsWith('.txt'))
          .sort()
          .map((f) => join(d, f)),
      );
      let rejected = 0;
      for (const [i, f] of files.entries()) {
        await ingestDocument(embedded.ports, { fileName: f.split('/').pop() as string, bytes: readFileSync(f) }).catch(() => rejected++);
        if (i % 100 === 99) o.log(`${i + 1}/${files.length} documents`);
      }
      const phapdien = join(SHARED, 'phapdien');
      if (existsSync(phapdien)) {
        for (const f of await findExportFiles([phapdien])) {
          const text = await readExportFile(f.path);
          if (f.kind === 'tree') await importTree(embedded.ports, text);
          else await importHeading(embedded.ports, text, exportFileId(f.path), { bulk: true });
        }
      } else o.log(`${phapdien}: the Bộ pháp điển export is not there; the dump has no codification file`);
      await drainOutbox(embedded);
      loadSeconds = Math.round((performance.now() - t) / 100) / 10;
      o.log(`loaded ${files.length - rejected} documents (${rejected} refused) in ${loadSeconds} s`);
    }

    // Baseline: every read the dump makes, nothing built.
    const t0 = performance.now();
    let works = 0;
    let units = 0;
    let articles = 0;
    let cursor: string | undefined;
    do {
      const page = await embedded.ports.works.list({ limit: 100, ...(cursor ? { cursor } : {}) });
      for (const w of page.items) {
        works++;
        if (w.unitSet) units += (await embedded.ports.units.listUnits(w.unitSet)).length;
        await embedded.ports.links.outgoing(w.id);
        await embedded.ports.links.incoming(w.id);
        for (const s of w.sources) await embedded.ports.blobs.get(s.blobKey);
      }
      cursor = page.nextCursor;
    } while (cursor);
    for (const topic of await embedded.ports.codification.listTopics())
      for (const h of topic.headings) articles += (await embedded.ports.codification.listArticles(h.id)).length;
    const baselineSeconds = (performance.now() - t0) / 1000;

    // The dump's own peak (loading a fresh store peaks higher, and is not what a daily run does).
    const loadPeakMb = Math.round(peak / 1024 / 1024);
    (globalThis as { gc?: () => void }).gc?.();
    peak = process.memoryUsage().rss;
    const t1 = performance.now();
    const manifest = await exportBulk(embedded.ports, { at: '2026-12-01' });
    const seconds = (performance.now() - t1) / 1000;
    return {
      documents: manifest.documents,
      works,
      units,
      codifiedArticles: articles,
      seconds: Math.round(seconds * 10) / 10,
      files: manifest.files.map((f) => ({ name: f.name, kind: f.kind, records: f.records, mb: Math.round(f.bytes / 10_485.76) / 100 })),
      peakRssMb: Math.round(peak / 1024 / 1024),
      loadSeconds,
      loadPeakRssMb: loadSeconds === null ? null : loadPeakMb,
      baseline: { what: 'read every record the dump reads, nothing built or compressed', seconds: Math.round(baselineSeconds * 10) / 10 },
      ratio: Math.round((seconds / baselineSeconds) * 10) / 10,
    };
  } finally {
    clearInterval(sample);
    embedded.close();
  }
}
