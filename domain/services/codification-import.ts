/**
 * The serverless import of a Bộ pháp điển export (docs/adr/0010): an export uploaded under
 * `imports/phapdien/<id>/` (tree.json and demuc/*.html or *.html.gz) is split into one message per đề mục file, each
 * file is imported on its own by the idempotent importHeading, and the job counts what happened. Pure: the job
 * store, the uploaded files and the queue are ports.
 */
import { gunzipSync } from 'node:zlib';
import { parseHeadingHtml } from '../codify/export';
import { DomainError, isDomainError } from '../errors';
import type { ImportFileRecord, ImportJob, ImportMessage, ImportPorts, ImportReport, ImportTotals, Ports } from '../ports';
import { importHeading, importTree } from './codification';

export const IMPORT_ID_RE = /^[a-z0-9][a-z0-9-]{2,62}$/;
export const importPrefix = (importId: string) => `imports/phapdien/${importId}/`;

const isHeadingKey = (key: string) => /\.html?(\.gz)?$/i.test(key);
const isTreeKey = (key: string) => /(^|\/)tree\.json(\.gz)?$/i.test(key);
/** The export's file id, as the CLI names it: `demuc/012d9b93-….html.gz` → `012d9b93-…`. */
export const exportFileIdOf = (key: string) => (key.split('/').at(-1) ?? key).replace(/\.html?(\.gz)?$/i, '');

/** The most diagnostics a report lists (the totals count all of them): the report stays a small item. */
const MAX_REPORTED_DIAGNOSTICS = 200;

export const emptyTotals = (): ImportTotals => ({ headings: 0, articles: 0, added: 0, removed: 0, changed: 0, unchanged: 0, unwritten: 0, diagnostics: 0 });

/**
 * The text of an export file: gunzipped when it is gzip (by its magic bytes, whatever its name), strict UTF-8,
 * without a BOM. A truncated or corrupt file is an `unreadable_document` error naming the reason.
 */
export function decodeExportFile(bytes: Uint8Array): string {
  let plain: Uint8Array = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      plain = gunzipSync(bytes);
    } catch (e) {
      throw new DomainError('unreadable_document', `not a readable gzip file (${(e as Error).message})`);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain).replace(/^\uFEFF/, '');
  } catch {
    throw new DomainError('unreadable_document', 'not valid UTF-8 text');
  }
}

/** Records a new import job for an export already uploaded under its prefix, and asks for it to be split. */
export async function startImport(
  ports: Pick<Ports, 'clock'> & Pick<ImportPorts, 'jobs' | 'queue'>,
  importId: string,
  requestedBy: string | null,
): Promise<ImportJob> {
  if (!IMPORT_ID_RE.test(importId)) throw new DomainError('validation', `importId: "${importId}" must be 3–63 lowercase letters, digits or dashes`);
  const job: ImportJob = {
    id: importId,
    kind: 'phapdien',
    prefix: importPrefix(importId),
    status: 'pending',
    requestedBy,
    createdAt: ports.clock.now().toISOString(),
    startedAt: null,
    completedAt: null,
    total: null,
    done: 0,
    failed: 0,
    topics: 0,
    totals: emptyTotals(),
    report: null,
  };
  await ports.jobs.create(job);
  await ports.queue.send([{ kind: 'split', importId }]);
  return job;
}

/**
 * The splitter: lists the import's files, imports tree.json (topic names), records how many đề mục files to
 * expect and sends one message per file. Safe to run again for the same job (a redelivered split message): the
 * job keeps its first total and workers record each file once.
 */
export async function splitImport(
  ports: Pick<Ports, 'codification' | 'clock'> & ImportPorts,
  importId: string,
): Promise<{ job: ImportJob; sent: number; headingFiles: number }> {
  const job = await ports.jobs.get(importId);
  if (!job) throw new DomainError('not_found', `Import ${importId} was not found`);
  if (job.status === 'complete') return { job, sent: 0, headingFiles: job.total ?? 0 };
  const keys = await ports.files.list(job.prefix);
  const headings = keys.filter(isHeadingKey);
  let topics = 0;
  for (const key of keys.filter(isTreeKey)) {
    const bytes = await ports.files.get(key);
    if (bytes) topics += (await importTree(ports, decodeExportFile(bytes))).topics.length;
  }
  const started = await ports.jobs.start(importId, headings.length, topics, ports.clock.now().toISOString());
  if (headings.length === 0) {
    await finishIfLast(ports, importId);
    return { job: (await ports.jobs.get(importId)) ?? started, sent: 0, headingFiles: 0 };
  }
  const messages: ImportMessage[] = headings.map((key) => ({ kind: 'file', importId, key }));
  await ports.queue.send(messages);
  return { job: started, sent: messages.length, headingFiles: headings.length };
}

export type ImportFileOutcome = 'imported' | 'failed' | 'duplicate';

/**
 * The worker: imports one đề mục file of a job. A file that cannot be read or holds no đề mục is recorded as failed
 * with its name and reason (the others go on); a failing backing service throws, so the queue retries the message.
 * The worker that records the last file writes the job's final report.
 */
export async function importJobFile(
  ports: Pick<Ports, 'codification' | 'search' | 'clock'> & Pick<ImportPorts, 'jobs' | 'files'>,
  importId: string,
  key: string,
): Promise<ImportFileOutcome> {
  const job = await ports.jobs.get(importId);
  if (!job) throw new DomainError('not_found', `Import ${importId} was not found`);
  if (!key.startsWith(job.prefix)) throw new DomainError('validation', `${key} is not a file of import ${importId}`);
  const file = key.slice(job.prefix.length);
  if (await ports.jobs.hasFile(importId, file)) return 'duplicate';
  const at = () => ports.clock.now().toISOString();
  const failed = (reason: string): ImportFileRecord => ({
    file,
    ok: false,
    reason,
    headingId: null,
    title: null,
    articles: 0,
    added: 0,
    removed: 0,
    changed: 0,
    unchanged: 0,
    written: false,
    diagnostics: [],
    at: at(),
  });
  let record: ImportFileRecord;
  try {
    const bytes = await ports.files.get(key);
    if (!bytes) throw new DomainError('unreadable_document', 'the file is gone from the upload');
    const html = decodeExportFile(bytes);
    const fileId = exportFileIdOf(key);
    const probe = parseHeadingHtml(html, fileId);
    if (probe.heading.articles.length === 0 && probe.diagnostics.some((d) => d.code === 'missing_header'))
      throw new DomainError('unreadable_document', 'no "Đề mục N.N" header and no codified article: not a đề mục file');
    const r = await importHeading(ports, html, fileId);
    record = {
      file,
      ok: true,
      reason: null,
      headingId: r.headingId,
      title: r.title,
      articles: r.articles,
      added: r.added,
      removed: r.removed,
      changed: r.changed,
      unchanged: r.unchanged,
      written: r.written,
      // Bounded so a file's record stays a small item (DynamoDB's item limit is 400 KB).
      diagnostics: r.diagnostics.slice(0, 500).map((d) => ({ code: d.code, message: d.message.slice(0, 500) })),
      at: at(),
    };
  } catch (e) {
    if (!isDomainError(e) || e.code === 'dependency_unavailable') throw e;
    record = failed(e.message);
  }
  const recorded = await ports.jobs.recordFile(importId, record);
  if (!recorded) return 'duplicate';
  await finishIfLast(ports, importId);
  return record.ok ? 'imported' : 'failed';
}

/** Writes the final report when every file is recorded; only one caller succeeds. */
export async function finishIfLast(ports: Pick<Ports, 'clock'> & Pick<ImportPorts, 'jobs'>, importId: string): Promise<boolean> {
  const job = await ports.jobs.get(importId);
  if (job?.status !== 'running' || job.total === null || job.done + job.failed < job.total) return false;
  const files = await ports.jobs.listFiles(importId);
  return ports.jobs.complete(importId, buildReport(job, files), ports.clock.now().toISOString());
}

export function buildReport(job: ImportJob, files: ImportFileRecord[]): ImportReport {
  const totals = emptyTotals();
  const diagnostics: ImportReport['diagnostics'] = [];
  for (const f of [...files].sort((a, b) => a.file.localeCompare(b.file))) {
    if (!f.ok) continue;
    totals.headings++;
    totals.articles += f.articles;
    totals.added += f.added;
    totals.removed += f.removed;
    totals.changed += f.changed;
    totals.unchanged += f.unchanged;
    if (!f.written) totals.unwritten++;
    totals.diagnostics += f.diagnostics.length;
    for (const d of f.diagnostics)
      if (diagnostics.length < MAX_REPORTED_DIAGNOSTICS)
        diagnostics.push({ file: f.file, headingId: f.headingId, code: d.code, message: d.message.slice(0, 300) });
  }
  return {
    totals,
    topics: job.topics,
    files: files.length,
    failures: files
      .filter((f) => !f.ok)
      .map((f) => ({ file: f.file, reason: f.reason ?? 'unknown' }))
      .sort((a, b) => a.file.localeCompare(b.file)),
    diagnostics,
  };
}

/** A job as the API shows it: progress while it runs, the report once complete. */
export function importView(job: ImportJob) {
  const processed = job.done + job.failed;
  return {
    id: job.id,
    kind: job.kind,
    prefix: job.prefix,
    status: job.status,
    requestedBy: job.requestedBy,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    completedAt: job.completedAt,
    progress: {
      total: job.total,
      done: job.done,
      failed: job.failed,
      remaining: job.total === null ? null : Math.max(job.total - processed, 0),
      percent: job.total === null ? 0 : job.total === 0 ? 100 : Math.floor((processed / job.total) * 100),
    },
    /** Chủ đề read from tree.json by the splitter. */
    topics: job.topics,
    totals: job.totals,
    report: job.report,
  };
}
