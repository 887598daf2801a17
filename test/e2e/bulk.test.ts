/**
 * Bulk download (issue #20): the dump of the development corpus, loaded into a fresh store, gives the same documents
 * (ids, unit counts, relations, status at three dates); its files are listed with size and sha256 and served as
 * written; a second dump carries the changes since the first (a new document, a withdrawn one).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import type { Ports } from '../../domain/ports';
import { type BulkDocument, exportBulk, loadBulk, readManifest } from '../../domain/services/bulk';
import { ingestDocument } from '../../domain/services/ingest';
import { documentRelations, documentStatus } from '../../domain/services/status';
import { withdrawWork } from '../../domain/services/withdrawal';
import { BulkListResponse } from '../../schemas/documents';
import { Problem } from '../../schemas/common';
import { drainOutbox } from '../../local/stream';
import { tempEmbedded } from '../support/embedded';
import { CORPUS_DIR } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';

const FILES = readdirSync(CORPUS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort();
/** Kept back from the first dump: ingested between the two. */
const LATE = '26-2012-QH13.txt';
const DATES = ['2016-01-01', '2023-06-01', '2026-12-01'];
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const source = tempEmbedded();
const copy = tempEmbedded();

/** What must survive a dump and a load: per document, its units, relations and validity at three dates. */
async function fingerprint(ports: Ports) {
  const out: Record<string, unknown> = {};
  let cursor: string | undefined;
  do {
    const page = await ports.works.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const w of page.items) {
      if (w.withdrawn) continue;
      const relations = (await documentRelations(ports, w.id)).groups
        .flatMap((g) => g.relations.map((r) => `${g.direction}:${r.type}:${r.other.workId ?? r.other.number}:${r.eId ?? ''}:${r.otherEId ?? ''}`))
        .sort();
      const statuses = [];
      for (const at of DATES) {
        const s = await documentStatus(ports, w.id, at);
        statuses.push(`${at}:${s.status}:${s.reasons.map((r) => `${r.code}/${r.workId ?? ''}`).join(',')}`);
      }
      out[w.id] = { number: w.number, type: w.type, unitCount: w.unitCount, sources: w.sources.map((s) => s.sha256), relations, statuses };
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

let firstLines: BulkDocument[] = [];
/** Documents and originals in the source store (some files are a second rendition of a document: one more source). */
let works = 0;
let originals = 0;

beforeAll(async () => {
  for (const f of FILES.filter((x) => x !== LATE)) await ingestDocument(source.ports, { fileName: f, bytes: readFileSync(join(CORPUS_DIR, f)), actor: 'test' });
  await drainOutbox(source);
  const all = (await source.ports.works.list({ limit: 100 })).items;
  works = all.length;
  originals = all.reduce((n, w) => n + w.sources.length, 0);
  expect(works).toBeGreaterThan(40);
}, 240_000);

it('dumps every document with its units, relations, validity and originals, and lists the file with its sha256', async () => {
  const manifest = await exportBulk(source.ports, { at: '2026-12-01' });
  expect(manifest.documents).toBe(works);
  const file = manifest.files.find((f) => f.kind === 'documents');
  expect(file?.name).toMatch(/^documents-\d{8}-\d{6}\.jsonl\.gz$/);
  const gz = (await source.ports.blobs.get(file?.key as string)) as Uint8Array;
  expect(gz.byteLength).toBe(file?.bytes);
  expect(sha256(gz)).toBe(file?.sha256);
  firstLines = gunzipSync(gz)
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as BulkDocument);
  expect(firstLines).toHaveLength(works);
  const amended = firstLines.find((l) => l.document.id === '09-2022-TT-BLDTBXH');
  expect(amended?.document.eli).toBe('/eli/vn/thong_tu/2022/09-2022-TT-BLDTBXH');
  expect(amended?.units.length).toBeGreaterThan(0);
  expect(amended?.validity).toMatchObject({ at: '2026-12-01', status: expect.any(String), reasons: expect.any(Array), changes: expect.any(Array) });
  const amending = firstLines.find((l) => l.document.id === '02-2023-TT-BLDTBXH');
  expect(amending?.relations.some((r) => r.type === 'amends' && r.other.workId === '09-2022-TT-BLDTBXH')).toBe(true);
  expect(Buffer.from(amended?.originals[0]?.content as string, 'base64').equals(readFileSync(join(CORPUS_DIR, '09-2022-TT-BLDTBXH.txt')))).toBe(true);
  expect(await readManifest(source.ports)).toEqual(manifest);
  // The same documents in Akoma Ntoso, one XML each.
  const akn = manifest.files.find((f) => f.kind === 'akn');
  expect(akn?.name).toMatch(/^akn-\d{8}-\d{6}\.zip$/);
  const entries = unzipSync((await source.ports.blobs.get(akn?.key as string)) as Uint8Array);
  expect(Object.keys(entries)).toHaveLength(works);
  expect(Buffer.from(entries['09-2022-TT-BLDTBXH.xml'] as Uint8Array).toString('utf8')).toContain('<akomaNtoso');
  expect(akn?.sha256).toBe(sha256((await source.ports.blobs.get(akn?.key as string)) as Uint8Array));
}, 120_000);

it('loaded into a fresh store, gives the same documents: ids, unit counts, relations, status at three dates', async () => {
  const file = (await readManifest(source.ports))?.files.find((f) => f.kind === 'documents');
  const jsonl = gunzipSync((await source.ports.blobs.get(file?.key as string)) as Uint8Array).toString('utf8');
  const loaded = await loadBulk(copy.ports, jsonl, 'bulk-load');
  expect(loaded).toEqual({ documents: works, originals });
  await drainOutbox(copy);
  const [a, b] = [await fingerprint(source.ports), await fingerprint(copy.ports)];
  expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
  expect(b).toEqual(a);
}, 240_000);

it('refuses a damaged dump with the line that is wrong, keeping what is stored', async () => {
  const before = (await copy.ports.works.list({ limit: 100 })).items.length;
  const good = JSON.stringify(firstLines[0]);
  const tampered = { ...firstLines[1], originals: firstLines[1]?.originals.map((o) => ({ ...o, content: Buffer.from('Điều 1. Giả').toString('base64') })) };
  await expect(loadBulk(copy.ports, `${good}\n${JSON.stringify(tampered)}\n`, 'bulk-load')).rejects.toThrow(
    /Line 2: original 1 of .* does not match its sha256/,
  );
  await expect(loadBulk(copy.ports, `${good}\n{not json\n`, 'bulk-load')).rejects.toThrow(/Line 2 of the dump is not JSON/);
  // Nothing of a damaged dump is stored, not even its good lines: into an empty store, it leaves it empty.
  const empty = tempEmbedded();
  await expect(loadBulk(empty.ports, `${good}\n${JSON.stringify(tampered)}\n`, 'bulk-load')).rejects.toThrow(/sha256/);
  expect((await empty.ports.works.list({ limit: 10 })).items).toEqual([]);
  expect((await copy.ports.works.list({ limit: 100 })).items.length).toBe(before);
}, 60_000);

it('a second dump lists what changed since the first: a new document, a withdrawn one', async () => {
  const first = await readManifest(source.ports);
  await new Promise((r) => setTimeout(r, 5));
  const late = await ingestDocument(source.ports, { fileName: LATE, bytes: readFileSync(join(CORPUS_DIR, LATE)), actor: 'test' });
  await withdrawWork(source.ports, '17-2022-UBTVQH15', { actor: 'reviewer', reason: 'Tiếp nhận nhầm' });
  await drainOutbox(source);
  const second = await exportBulk(source.ports, { at: '2026-12-01' });
  expect(second.documents).toBe(works);
  const changes = second.files.find((f) => f.kind === 'changes');
  expect(changes?.since).toBe(first?.generatedAt);
  const lines = gunzipSync((await source.ports.blobs.get(changes?.key as string)) as Uint8Array)
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Partial<BulkDocument> & { removed?: string });
  expect(lines.map((l) => l.document?.id ?? `removed:${l.removed}`).sort()).toEqual([late.work.id, 'removed:17-2022-UBTVQH15'].sort());
  expect(changes?.records).toBe(2);
}, 120_000);

describe('over HTTP', () => {
  let api: Awaited<ReturnType<typeof startLocalApi>>;
  beforeAll(async () => {
    api = await startLocalApi();
  });
  afterAll(() => api.close());

  it('lists no file before the first dump, then each file with size and sha256, and serves it byte for byte', async () => {
    const empty = BulkListResponse.parse(await (await fetch(`${api.base}/v1/bulk`)).json());
    expect(empty.files).toEqual([]);
    await ingestDocument(api.embedded.ports, {
      fileName: '09-2022-TT-BLDTBXH.txt',
      bytes: readFileSync(join(CORPUS_DIR, '09-2022-TT-BLDTBXH.txt')),
      actor: 'test',
    });
    await api.index();
    await exportBulk(api.embedded.ports, { at: '2026-12-01' });
    const list = BulkListResponse.parse(await (await fetch(`${api.base}/v1/bulk`)).json());
    expect(list.documents).toBe(1);
    const file = list.files.find((f) => f.kind === 'documents');
    expect(file?.url).toBe(`/v1/bulk/${file?.name}`);
    const res = await fetch(`${api.base}${file?.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(sha256(bytes)).toBe(file?.sha256);
    expect(res.headers.get('x-content-sha256')).toBe(file?.sha256);
    expect(gunzipSync(bytes).toString('utf8')).toContain('"id":"09-2022-TT-BLDTBXH"');
  });

  it('answers 404 for a file the manifest does not list and 400 for a name that cannot be one', async () => {
    const missing = await fetch(`${api.base}/v1/bulk/documents-20200101-000000.jsonl.gz`);
    expect(missing.status).toBe(404);
    expect(Problem.parse(await missing.json()).type).toBe('/problems/not-found');
    expect((await fetch(`${api.base}/v1/bulk/..%2Fmanifest.json`)).status).toBe(400);
  });
});
