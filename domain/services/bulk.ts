/**
 * Bulk download (issue #20): the whole database as files a consumer mirrors without replaying the change feed.
 *
 *  - `documents-<stamp>.jsonl.gz`: one line per document in force in the database (withdrawn ones are not): its
 *    metadata with its ELI, its units (the tree as promulgated), the relations it makes, its validity today with the
 *    grounds and every date it changes, the reviewers' edits, and each original file as received (base64), so that
 *    loading the dump (`loadBulk`) into an empty store rebuilds the same documents.
 *  - `akn-<stamp>.zip`: the same documents in Akoma Ntoso 3.0 (domain/export/akn.ts), one `<id>.xml` each, as
 *    promulgated.
 *  - `codification-<stamp>.jsonl.gz`: the Bộ pháp điển, one line per heading (đề mục) with its articles.
 *  - `changes-<since>-<stamp>.jsonl.gz`: the documents written since the previous dump, and the ids that left it.
 *  - `manifest.json`: every file with its size, sha256, record count and time. It is written last: a reader that
 *    finds a file in the manifest finds it whole (each file's key carries its sha256, so nothing is overwritten).
 *
 * The files go to the blob store under `bulk/` (locally the data folder, on AWS the originals bucket).
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { eliOf } from '../eli';
import { DomainError } from '../errors';
import type { Work } from '../model';
import type { Ports } from '../ports';
import { buildTree } from '../units';
import { ingestDocument } from './ingest';
import { aknOfWork } from './export';
import { originalBytes } from './sources';
import { documentRelations, documentStatus } from './status';

export const BULK_PREFIX = 'bulk/';
export const MANIFEST_KEY = `${BULK_PREFIX}manifest.json`;
export const BULK_FORMAT_VERSION = 1;

export interface BulkFile {
  /** The file name a client saves it as (`documents-20261207-101500.jsonl.gz`). */
  name: string;
  kind: 'documents' | 'akn' | 'codification' | 'changes';
  /** Its key in the blob store (under `bulk/<sha256>/`). */
  key: string;
  bytes: number;
  sha256: string;
  records: number;
  generatedAt: string;
  /** `changes` files: what they add to the previous dump of that time. */
  since?: string;
}

export interface BulkManifest {
  formatVersion: number;
  generatedAt: string;
  /** The validity in every record is as on this date (Vietnam's date at generation). */
  validityAt: string;
  documents: number;
  files: BulkFile[];
}

export interface BulkDocument {
  document: Omit<Work, 'reviews' | 'withdrawn'> & { eli: string | null };
  units: ReturnType<typeof buildTree>;
  relations: Awaited<ReturnType<typeof documentRelations>>['groups'][number]['relations'];
  validity: Pick<Awaited<ReturnType<typeof documentStatus>>, 'at' | 'status' | 'label' | 'reasons' | 'since' | 'changes'>;
  reviews: NonNullable<Work['reviews']>;
  originals: { n: number; fileName: string; sha256: string; content: string }[];
}

/** Every work of the store, in id order (the repository's pages). */
async function* allWorks(ports: Pick<Ports, 'works'>): AsyncGenerator<Work> {
  let cursor: string | undefined;
  do {
    const page = await ports.works.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const w of page.items) yield w;
    cursor = page.nextCursor;
  } while (cursor);
}

/** One document as a dump record. */
export async function bulkDocument(ports: Pick<Ports, 'works' | 'units' | 'links' | 'history' | 'blobs'>, work: Work, at: string): Promise<BulkDocument> {
  const { reviews, withdrawn: _withdrawn, ...rest } = work;
  const units = work.unitSet ? buildTree(await ports.units.listUnits(work.unitSet)) : [];
  const relations = (await documentRelations(ports, work.id)).groups.filter((g) => g.direction === 'outgoing').flatMap((g) => g.relations);
  const s = await documentStatus(ports, work.id, at);
  const originals = [];
  for (const [i, source] of work.sources.entries()) {
    const bytes = await originalBytes(ports, work.id, source);
    originals.push({ n: i + 1, fileName: source.fileName, sha256: source.sha256, content: Buffer.from(bytes).toString('base64') });
  }
  return {
    document: { ...rest, eli: eliOf(work) },
    units,
    relations,
    validity: { at: s.at, status: s.status, label: s.label, reasons: s.reasons, since: s.since, changes: s.changes },
    reviews: reviews ?? [],
    originals,
  };
}

const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** `2026-12-07T15:56:05.123Z` → `20261207-155605` (UTC): sortable, and a valid blob key on every store. */
const stampOf = (iso: string) => iso.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

export interface ExportOptions {
  /** The validity date of the records (Vietnam's date). */
  at: string;
  /** Also the Bộ pháp điển (62k articles on the real corpus). Default true. */
  codification?: boolean;
}

/**
 * Writes a complete dump, and the increment since the previous one, then the manifest. Returns the manifest.
 * Idempotent in effect: a run with nothing changed writes files with the same content under the same keys.
 */
export async function exportBulk(ports: Ports, options: ExportOptions): Promise<BulkManifest> {
  const generatedAt = ports.clock.now().toISOString();
  const stamp = stampOf(generatedAt);
  const previous = await readManifest(ports);
  const lines: string[] = [];
  const changed: string[] = [];
  const since = previous?.generatedAt;
  const present = new Set<string>();
  const akn: Record<string, Uint8Array> = {};
  for await (const work of allWorks(ports)) {
    if (work.withdrawn) continue;
    present.add(work.id);
    akn[`${work.id}.xml`] = Buffer.from(await aknOfWork(ports, work), 'utf8');
    const line = JSON.stringify(await bulkDocument(ports, work, options.at));
    lines.push(line);
    if (since && work.updatedAt > since) changed.push(line);
  }
  const files: BulkFile[] = [];
  const store = async (name: string, kind: BulkFile['kind'], bytes: Uint8Array, mediaType: string, records: number, extra: Partial<BulkFile> = {}) => {
    const sha256 = sha256Hex(bytes);
    const key = `${BULK_PREFIX}${sha256}/${name}`;
    await ports.blobs.put(key, bytes, mediaType);
    files.push({ name, kind, key, bytes: bytes.byteLength, sha256, records, generatedAt, ...extra });
  };
  const put = (name: string, kind: BulkFile['kind'], body: string, records: number, extra: Partial<BulkFile> = {}) =>
    store(name, kind, gzipSync(Buffer.from(body, 'utf8')), 'application/gzip', records, extra);
  await put(`documents-${stamp}.jsonl.gz`, 'documents', lines.map((l) => `${l}\n`).join(''), lines.length);
  // A fixed time in the archive's entries: the same documents give the same bytes (and the same sha256).
  await store(`akn-${stamp}.zip`, 'akn', zipSync(akn, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') }), 'application/zip', Object.keys(akn).length);
  if (options.codification !== false) {
    const headings = await codificationLines(ports);
    await put(`codification-${stamp}.jsonl.gz`, 'codification', headings.map((l) => `${l}\n`).join(''), headings.length);
  }
  if (previous && since) {
    const removed = await removedSince(ports, previous, present);
    const body = [...changed, ...removed.map((id) => JSON.stringify({ removed: id }))].map((l) => `${l}\n`).join('');
    await put(`changes-${stampOf(since)}-${stamp}.jsonl.gz`, 'changes', body, changed.length + removed.length, { since });
  }
  const manifest: BulkManifest = {
    formatVersion: BULK_FORMAT_VERSION,
    generatedAt,
    validityAt: options.at,
    documents: lines.length,
    // The increments of earlier dumps stay listed (a mirror that missed one applies them in order).
    files: [...files, ...(previous?.files.filter((f) => f.kind === 'changes') ?? [])].slice(0, 60),
  };
  await ports.blobs.put(MANIFEST_KEY, Buffer.from(JSON.stringify(manifest, null, 1), 'utf8'), 'application/json');
  return manifest;
}

/** The ids the previous dump held that this one does not (withdrawn since). */
async function removedSince(ports: Pick<Ports, 'blobs'>, previous: BulkManifest, present: Set<string>): Promise<string[]> {
  const file = previous.files.find((f) => f.kind === 'documents');
  const gz = file ? await ports.blobs.get(file.key) : null;
  if (!gz) return [];
  const removed: string[] = [];
  for (const line of gunzipSync(gz).toString('utf8').split('\n')) {
    if (!line) continue;
    const id = (JSON.parse(line) as BulkDocument).document.id;
    if (!present.has(id)) removed.push(id);
  }
  return removed;
}

/** The Bộ pháp điển: one line per heading with its articles, topics in order. */
async function codificationLines(ports: Pick<Ports, 'codification'>): Promise<string[]> {
  const out: string[] = [];
  for (const topic of await ports.codification.listTopics()) {
    for (const h of topic.headings) {
      const heading = await ports.codification.getHeading(h.id);
      if (!heading) continue;
      out.push(JSON.stringify({ topic: { number: topic.number, title: topic.title }, heading, articles: await ports.codification.listArticles(h.id) }));
    }
  }
  return out;
}

export async function readManifest(ports: Pick<Ports, 'blobs'>): Promise<BulkManifest | null> {
  const bytes = await ports.blobs.get(MANIFEST_KEY);
  return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as BulkManifest) : null;
}

/** A file of the manifest by name (404 when the manifest does not list it). */
export async function bulkFile(ports: Pick<Ports, 'blobs'>, name: string): Promise<BulkFile> {
  const manifest = await readManifest(ports);
  const file = manifest?.files.find((f) => f.name === name);
  if (!file) throw new DomainError('not_found', `Bulk file ${name} was not found${manifest ? '' : ': no dump has been generated yet'}`, { name });
  return file;
}

/**
 * Loads a documents dump into a store: the whole dump is read and checked first (each line a document record, each
 * original matching its sha256), so a damaged dump stores nothing; then each original is ingested as received, in
 * the order the dump lists them, and the reviewers' edits are put back.
 */
export async function loadBulk(ports: Ports, jsonl: string, actor: string): Promise<{ documents: number; originals: number }> {
  const records: { record: BulkDocument; bytes: Buffer[] }[] = [];
  for (const [i, line] of jsonl.split('\n').entries()) {
    if (!line.trim()) continue;
    let record: BulkDocument;
    try {
      record = JSON.parse(line) as BulkDocument;
    } catch {
      throw new DomainError('validation', `Line ${i + 1} of the dump is not JSON`);
    }
    if (!record?.document?.id || !Array.isArray(record.originals) || !Array.isArray(record.reviews))
      throw new DomainError('validation', `Line ${i + 1} of the dump is not a document record`);
    const bytes = record.originals.map((o) => {
      const b = Buffer.from(String(o.content), 'base64');
      if (sha256Hex(b) !== o.sha256) throw new DomainError('validation', `Line ${i + 1}: original ${o.n} of ${record.document.id} does not match its sha256`);
      return b;
    });
    records.push({ record, bytes });
  }
  let originals = 0;
  for (const { record, bytes } of records)
    for (const [k, b] of bytes.entries()) {
      await ingestDocument(ports, { fileName: record.originals[k]?.fileName ?? `${record.document.id}.txt`, bytes: b, actor });
      originals++;
    }
  for (const { record } of records.filter((r) => r.record.reviews.length > 0)) {
    const work = await ports.works.get(record.document.id);
    if (!work) continue;
    await ports.works.save({ ...work, reviews: record.reviews, updatedAt: ports.clock.now().toISOString() }, work.version);
  }
  return { documents: records.length, originals };
}
