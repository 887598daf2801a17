/**
 * `npm run --silent bench -- phapdien-import --json`: imports the whole Bộ pháp điển export (300 đề mục, about
 * 62,000 articles) into a fresh embedded store — parse, store, index — and reports seconds and peak RSS. Baseline
 * in the same run: reading and gunzipping the same files (the floor any import stands on).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importHeading, importTree } from '../domain/services/codification';
import { exportFileId, findExportFiles, readExportFile } from '../local/phapdien-files';
import { openEmbedded } from '../local/wiring';

export async function phapdienImportBench(o: { corpus?: string; log(l: string): void }): Promise<Record<string, unknown>> {
  const dir = o.corpus ?? resolve(__dirname, '..', '..', 'shared', 'corpus', 'phapdien');
  if (!existsSync(dir)) throw new Error(`${dir}: the Bộ pháp điển export is not there (pass --corpus DIR)`);
  const files = await findExportFiles([dir]);
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t0 = performance.now();
  for (const f of files) await readExportFile(f.path);
  const readSeconds = (performance.now() - t0) / 1000;
  const data = mkdtempSync(join(tmpdir(), 'csdl-bench-phapdien-'));
  const embedded = openEmbedded(data);
  try {
    const t1 = performance.now();
    let headings = 0;
    let articles = 0;
    let diagnostics = 0;
    for (const f of files) {
      const text = await readExportFile(f.path);
      if (f.kind === 'tree') {
        await importTree(embedded.ports, text);
        continue;
      }
      const r = await importHeading(embedded.ports, text, exportFileId(f.path), { bulk: true });
      headings++;
      articles += r.articles;
      diagnostics += r.diagnostics.length;
      if (headings % 50 === 0) o.log(`${headings} đề mục, ${articles} điều`);
    }
    await embedded.ports.search.optimize();
    const seconds = (performance.now() - t1) / 1000;
    return {
      headings,
      articles,
      diagnostics,
      seconds: Math.round(seconds * 10) / 10,
      peakRssMb: Math.round(peak / 1024 / 1024),
      baseline: { what: 'read and gunzip the same files', seconds: Math.round(readSeconds * 10) / 10 },
    };
  } finally {
    clearInterval(sample);
    embedded.close();
    rmSync(data, { recursive: true, force: true });
  }
}
