/**
 * The ratchet over the whole development corpus (issue 19, fifth point; `npm run test:corpus`, not part of `npm test`):
 * every document of ../shared/corpus/docs and more/ (or CSDL_CORPUS) is ingested into a fresh embedded store, and the
 * quality report's rates may not get worse than verify/corpus/audit-baseline.json records. When a change makes a rate
 * better, raise the baseline in the same commit (the failure message prints the figures). Fails, saying so, when the
 * corpus is absent.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestDocument } from '../../domain/services/ingest';
import { METADATA_FIELDS, qualityReport, type QualityReport } from '../../domain/services/quality';
import { drainOutbox } from '../../local/stream';
import { type Embedded, openEmbedded } from '../../local/wiring';

const CORPUS = process.env.CSDL_CORPUS ?? join(__dirname, '..', '..', '..', 'shared', 'corpus');
const BASELINE = JSON.parse(readFileSync(join(__dirname, 'audit-baseline.json'), 'utf8')) as {
  documents: number;
  metadata: Record<(typeof METADATA_FIELDS)[number], number>;
  citationsResolved: number;
  instructionsParsed: number;
  effectsApplied: number;
  structure: number;
};
/** The floors issue 19 sets, whatever the baseline says. */
const FLOORS = { metadata: 0.98, citationsResolved: 0.95, instructionsParsed: 0.97 };

let dir: string;
let embedded: Embedded;
let report: QualityReport;
const failures: string[] = [];
const files: string[] = [];

beforeAll(async () => {
  for (const sub of ['docs', 'more'])
    if (!existsSync(join(CORPUS, sub))) throw new Error(`${join(CORPUS, sub)} is missing: this corpus-wide check needs ../shared/corpus (or set CSDL_CORPUS)`);
  for (const sub of ['docs', 'more']) for (const f of readdirSync(join(CORPUS, sub)).sort()) if (f.endsWith('.txt')) files.push(join(CORPUS, sub, f));
  dir = mkdtempSync(join(tmpdir(), 'csdl-audit-'));
  embedded = openEmbedded(dir);
  for (const file of files) {
    try {
      await ingestDocument(embedded.ports, { fileName: file, bytes: readFileSync(file), strict: false, actor: 'corpus-ratchet' });
    } catch (e) {
      failures.push(`${file}: ${(e as Error).message}`);
    }
  }
  await drainOutbox(embedded);
  report = await qualityReport(embedded.ports, 100);
}, 1_200_000);

afterAll(() => {
  embedded?.db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('ingests every document of the corpus', () => {
  expect(failures).toEqual([]);
  expect(report.documents).toBeGreaterThanOrEqual(BASELINE.documents);
});

it('does not let a rate of the audit get worse than the baseline, nor below the floors of issue 19', () => {
  const t = report.totals;
  const now = {
    metadata: t.metadata,
    citationsResolved: t.citationsResolved,
    instructionsParsed: t.instructions.share,
    effectsApplied: t.effectsApplied,
    structure: t.structure,
  };
  const worse: string[] = [];
  for (const f of METADATA_FIELDS) {
    if (t.metadata[f] < BASELINE.metadata[f]) worse.push(`metadata.${f} ${t.metadata[f]} < baseline ${BASELINE.metadata[f]}`);
    if (t.metadata[f] < FLOORS.metadata) worse.push(`metadata.${f} ${t.metadata[f]} < ${FLOORS.metadata}`);
  }
  for (const k of ['citationsResolved', 'instructionsParsed', 'effectsApplied'] as const)
    if (now[k] < BASELINE[k]) worse.push(`${k} ${now[k]} < baseline ${BASELINE[k]}`);
  if (now.citationsResolved < FLOORS.citationsResolved) worse.push(`citationsResolved ${now.citationsResolved} < ${FLOORS.citationsResolved}`);
  if (now.instructionsParsed < FLOORS.instructionsParsed) worse.push(`instructionsParsed ${now.instructionsParsed} < ${FLOORS.instructionsParsed}`);
  if (t.structure > BASELINE.structure) worse.push(`structure findings ${t.structure} > baseline ${BASELINE.structure}`);
  // The figures, to raise the baseline with when they get better.
  console.log(`audit over ${report.documents} documents: ${JSON.stringify(now)}`);
  expect(worse).toEqual([]);
});

it('makes no placeholder out of a date ("16/6/2025" is not a document)', async () => {
  const dated: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await embedded.ports.works.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const w of page.items) {
      const out = await embedded.ports.links.outgoing(w.id);
      for (const r of out.relations)
        if (r.target.workId && /^\d{1,2}-\d{1,2}-\d{4}$/u.test(r.target.workId)) dated.push(`${w.id} → ${r.target.workId} (${r.target.text})`);
    }
    cursor = page.nextCursor;
  } while (cursor);
  expect(dated).toEqual([]);
});
