/**
 * A DynamoDB outage in the middle of an ingestion batch loses nothing and stores nothing twice: every ingest that
 * answered success is stored exactly once (one work, its original in S3, its units), none answered success for
 * something not stored, reads answer 503 problem+json `dependency-unavailable` (never 500) while the table is
 * unreachable, and after the client retries what failed and the stream is processed every document is stored and
 * searchable; replaying the whole stream changes nothing.
 *
 * DynamoDB Local is shared by every test file, so it is not stopped: the application's DynamoDB client reaches it
 * through a TCP proxy (test/support/tcp-proxy.ts) that is cut right after the CUT_AFTER-th work is saved while three
 * ingests run at once (the others are cut mid-request) and restored later. S3 and OpenSearch stay up. The test itself
 * looks at the table straight, never through the proxy.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { createTable } from '../../adapters/dynamodb/create-table';
import { MAPPING_VERSION } from '../../adapters/opensearch/search-index';
import { DomainError } from '../../domain/errors';
import type { Work } from '../../domain/model';
import type { Ports, WorkRepository } from '../../domain/ports';
import { resolveWork } from '../../domain/services/documents';
import { type AwsConfig, loadAwsConfig } from '../../functions/_shared/config';
import type { AppContext } from '../../functions/_shared/http';
import { createLogger } from '../../functions/_shared/logger';
import { createAwsClients, createAwsPorts } from '../../functions/_shared/wiring';
import { create as createIndexer } from '../../functions/indexer/app';
import { signDevToken, verifyDevToken } from '../../local/devtoken';
import { buildHandlers } from '../../local/handlers';
import { createLocalServer } from '../../local/server';
import { CreateDocumentResponse } from '../../schemas/documents';
import { SearchResponse } from '../../schemas/search';
import { CORPUS_DIR } from '../support/fixtures';
import { StreamPump } from '../support/stream';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

const CORPUS = CORPUS_DIR;
/** Real documents of the development corpus (the smaller ones: the batch is about the outage, not about size). */
const FILES = [
  '78-2025-UBTVQH15.txt',
  '101-SL-L003.txt',
  '17-2022-UBTVQH15.txt',
  '26-2012-QH13.txt',
  '74-2025-NQ-HDND-HaNoi.txt',
  '2284-QD-UBND-LamDong.txt',
  '52-2025-QD-CTUBND-CaoBang.txt',
  '84-2025-QD-UBND-HaTinh.txt',
  '70-2025-QD-UBND-HaNoi.txt',
  '56-2025-QD-UBND-CaoBang.txt',
  '130-2025-TT-BQP.txt',
  '51-2025-NQ-HDND-HaNoi.txt',
  '08-2025-NQ-CP.txt',
  '81-2025-QD-UBND-DaNang.txt',
];
/** The proxy is cut right after this many works were saved (while other ingests are in flight). */
const CUT_AFTER = 5;
const CONCURRENCY = 3;
const HEAVY_TIMEOUT = 180_000;

type Indexer = (e: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

function endpoint(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: the integration tests run under test/global-setup.ts, which starts the engines`);
  return v;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const secret = new TextEncoder().encode('dynamodb-fault-test-secret');
const prefix = `ddbfault${randomBytes(4).toString('hex')}`;

let config: AwsConfig;
let proxy: TcpProxy;
/** Straight to DynamoDB Local: the test's own view of the table, and the stream. */
let direct: DynamoDBClient;
let directPorts: Ports;
/** Straight to OpenSearch: the test's view of the index. */
let os: ReturnType<typeof createAwsClients>['opensearch'];
/** The application's ports: DynamoDB through the proxy. */
let ports: Ports;
let ctx: AppContext;
let server: Server;
let base: string;
let editor: string;
let indexer: Indexer;
/** What happened, for verify/faults.ts (written when CSDL_FAULT_REPORT_DIR is set). */
const summary: Record<string, unknown> = { documents: FILES.length, cutAfter: CUT_AFTER, concurrency: CONCURRENCY };
const logged: { level: string; message: string; error: string }[] = [];

let saves = 0;
let onSaved: (() => void) | null = null;

/** The DynamoDB work repository with a tap on save: the moment to cut. */
function tapped(works: WorkRepository): WorkRepository {
  const save: WorkRepository['save'] = async (work, expected) => {
    const stored = await works.save(work, expected);
    saves++;
    if (saves === CUT_AFTER && onSaved) {
      const f = onSaved;
      onSaved = null;
      f();
    }
    return stored;
  };
  return new Proxy(works, {
    get(target, key) {
      if (key === 'save') return save;
      const v = Reflect.get(target, key, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

interface Outcome {
  fileName: string;
  sha256: string;
  status: number;
  type?: string;
  id?: string;
  outcome?: string;
}

async function ingest(fileName: string): Promise<Outcome> {
  const bytes = readFileSync(join(CORPUS, fileName));
  const res = await fetch(`${base}/v1/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
    body: JSON.stringify({ fileName, content: bytes.toString('base64'), encoding: 'base64' }),
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status === 200 || res.status === 201) {
    const parsed = CreateDocumentResponse.parse(body);
    return { fileName, sha256: sha256(bytes), status: res.status, id: parsed.document.id, outcome: parsed.outcome };
  }
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return { fileName, sha256: sha256(bytes), status: res.status, type: String(body.type) };
}

/** Ingests `files`, CONCURRENCY at a time, as a batch client would. */
async function ingestBatch(files: string[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++]!;
      out.push(await ingest(f));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return out;
}

async function storedWorks(p: Ports): Promise<Work[]> {
  const out: Work[] = [];
  let cursor: string | undefined;
  do {
    const page = await p.works.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Every accepted document is stored exactly once: one work, one source with its hash, the original, its units. */
async function expectStoredOnce(accepted: Outcome[]): Promise<Work[]> {
  const stored = await storedWorks(directPorts);
  const ids = stored.map((w) => w.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const a of accepted) {
    const work = stored.find((w) => w.id === a.id);
    expect({ file: a.fileName, stored: work !== undefined }).toEqual({ file: a.fileName, stored: true });
    expect(work!.sources.filter((s) => s.sha256 === a.sha256)).toHaveLength(1);
    expect(await directPorts.works.findIdBySourceHash(a.sha256)).toBe(a.id);
    for (const s of work!.sources) expect(await directPorts.blobs.get(s.blobKey)).not.toBeNull();
    expect(work!.unitSet).not.toBeNull();
    expect(await directPorts.units.listUnits(work!.unitSet!)).toHaveLength(work!.unitCount);
    expect(work!.unitCount).toBeGreaterThan(0);
  }
  return stored;
}

/** Reads the whole stream from TRIM_HORIZON and hands it to the indexer in Lambda-sized batches. */
async function processStream(pump: StreamPump): Promise<{ records: number; failures: string[] }> {
  return pump.pump(indexer, 100);
}

/** Every entry of the index: id → version (read straight from the node). */
async function documentEntries(): Promise<Map<string, number>> {
  await os.indices.refresh({ index: `${prefix}-search` });
  const res = await os.search({
    index: `${prefix}-search`,
    body: { size: 10_000, version: true, _source: false, query: { match_all: {} } } as never,
  });
  return new Map(res.body.hits.hits.map((h) => [h._id as string, Number(h._version)]));
}

beforeAll(async () => {
  const target = new URL(endpoint('CSDL_TEST_DYNAMODB_ENDPOINT'));
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  const suffix = randomBytes(4).toString('hex');
  const env = {
    TABLE_NAME: `csdl-ddbfault-${suffix}`,
    BUCKET_NAME: `csdl-ddbfault-${suffix}`,
    OPENSEARCH_ENDPOINT: endpoint('CSDL_TEST_OPENSEARCH_ENDPOINT'),
    OPENSEARCH_INDEX_PREFIX: prefix,
    OPENSEARCH_AUTH: 'none',
    S3_ENDPOINT: endpoint('CSDL_TEST_S3_ENDPOINT'),
    AWS_REGION: 'ap-southeast-1',
  };
  config = loadAwsConfig({ ...env, DYNAMODB_ENDPOINT: proxy.url });
  const directConfig = loadAwsConfig({ ...env, DYNAMODB_ENDPOINT: target.origin });
  const directClients = createAwsClients(directConfig);
  direct = directClients.dynamodb;
  await createTable(direct, config.TABLE_NAME);
  await directClients.s3.send(new CreateBucketCommand({ Bucket: config.BUCKET_NAME }));
  directClients.s3.destroy();
  os = directClients.opensearch;
  directPorts = createAwsPorts(directConfig, { refresh: 'wait_for' });
  const app = createAwsPorts(config, { refresh: 'wait_for' });
  ports = { ...app, works: tapped(app.works) };
  await ports.search.ensureReady();

  const logger = createLogger('dynamodb-fault');
  for (const level of ['error', 'warn', 'info'] as const)
    jest.spyOn(logger, level).mockImplementation((message: unknown, ...extra: unknown[]) => {
      const e = (extra[0] as { error?: { name?: string; code?: string; message?: string } } | undefined)?.error;
      if (level !== 'info') logged.push({ level, message: String(message), error: e ? `${e.name}/${e.code}: ${e.message}` : '' });
    });
  ctx = { ports: async () => ports, logger, storeName: 'dynamodb' };
  indexer = createIndexer(ctx) as unknown as Indexer;
  server = createLocalServer({ handlers: buildHandlers(ctx), verifyToken: (t) => verifyDevToken(secret, t) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  editor = await signDevToken(secret, 'editor-ddb-fault', ['editor']);
});

afterAll(async () => {
  const dir = process.env.CSDL_FAULT_REPORT_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${basename(__filename)}.json`), JSON.stringify(summary));
  }
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  await proxy?.close();
  if (direct) {
    await direct.send(new DeleteTableCommand({ TableName: config.TABLE_NAME })).catch(() => {});
    direct.destroy();
  }
  if (os) {
    await os.indices.delete({ index: `${prefix}-search-v${MAPPING_VERSION}` }, { ignore: [404] });
    await os.close();
  }
});

describe('a DynamoDB outage in the middle of an ingestion batch', () => {
  let first: Outcome[] = [];
  let acceptedIds: string[] = [];
  let before = new Map<string, number>();

  it('stores every ingest that answered success exactly once; the ones cut answer 503 problem+json', async () => {
    onSaved = () => proxy.cut();
    first = await ingestBatch(FILES);
    expect(proxy.isCut).toBe(true);
    const ok = first.filter((o) => o.status === 201 || o.status === 200);
    const failed = first.filter((o) => !(o.status === 201 || o.status === 200));
    Object.assign(summary, { acceptedDuringBatch: ok.length, failedDuringOutage: failed.length });
    expect(ok.length).toBeGreaterThanOrEqual(CUT_AFTER);
    expect(failed.length).toBeGreaterThan(0);
    // Every failure is the dependency one, never a 500.
    for (const f of failed)
      expect({ file: f.fileName, status: f.status, type: f.type }).toEqual({ file: f.fileName, status: 503, type: '/problems/dependency-unavailable' });
    expect(logged.filter((l) => l.message === 'Unhandled error')).toEqual([]);
    // No ingest answered success for something not stored (looked at straight, not through the proxy).
    await expectStoredOnce(ok);
  });

  it('answers reads with 503 problem+json dependency-unavailable while DynamoDB is unreachable; the service raises dependency_unavailable', async () => {
    const id = first.find((o) => o.id)!.id!;
    const started = Date.now();
    let answered503 = 0;
    for (const path of [`/v1/documents/${encodeURIComponent(id)}`, '/v1/documents?limit=5', `/v1/documents/${encodeURIComponent(id)}/units/art_1`]) {
      const res = await fetch(`${base}${path}`);
      if (res.status === 503) answered503++;
      const body = (await res.json()) as { type: string; status: number };
      expect({ path, status: res.status }).toEqual({ path, status: 503 });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(body).toMatchObject({ type: '/problems/dependency-unavailable', status: 503 });
    }
    expect(Date.now() - started).toBeLessThan(30_000);
    summary.readsAnswered503 = answered503;
    const err = await resolveWork(ports.works, id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('dependency_unavailable');
    expect(logged.filter((l) => l.message === 'Unhandled error')).toEqual([]);
  });

  it('answers a search load during the outage with 200 or 503, never 500', async () => {
    const queries = ['quyet dinh', 'nghi quyet', 'uy ban nhan dan', '"hoi dong nhan dan"', 'thong tu'];
    const paths = queries.flatMap((q) => [`/v1/search?q=${encodeURIComponent(q)}`, `/v1/search?q=${encodeURIComponent(q)}&group=document&facets=true`]);
    paths.push('/v1/search/suggest?q=78%2F2025');
    const results = await Promise.all(
      paths.map(async (path) => {
        const res = await fetch(`${base}${path}`);
        const body = (await res.json()) as { type?: string };
        return { path, status: res.status, type: body.type };
      }),
    );
    const byStatus: Record<string, number> = {};
    for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    summary.searchesDuringOutage = byStatus;
    for (const r of results) {
      expect([200, 503]).toContain(r.status);
      if (r.status === 503) expect(r.type).toBe('/problems/dependency-unavailable');
    }
    expect(logged.filter((l) => l.message === 'Unhandled error')).toEqual([]);
  });

  it(
    'stores every document after the client retries the failed ones, still exactly once',
    async () => {
      await proxy.restore();
      const failed = first.filter((o) => !(o.status === 201 || o.status === 200)).map((o) => o.fileName);
      const retried = await ingestBatch(failed);
      expect(retried.map((o) => [o.fileName, o.status])).toEqual(expect.arrayContaining(failed.map((f) => [f, expect.any(Number)])));
      // A write cut after DynamoDB committed it answered 503 the first time: the retry finds it (200 unchanged).
      for (const r of retried) expect({ file: r.fileName, status: [200, 201].includes(r.status) }).toEqual({ file: r.fileName, status: true });
      summary.retried = retried.length;
      // 200 unchanged: the first attempt was stored although its answer was cut (the client saw 503).
      summary.retriedAlreadyStored = retried.filter((r) => r.status === 200).length;
      const all = [...first.filter((o) => o.id), ...retried];
      acceptedIds = [...new Set(all.map((o) => o.id!))];
      const stored = await expectStoredOnce(all);
      expect(stored).toHaveLength(FILES.length);
      expect(new Set(stored.map((w) => w.id))).toEqual(new Set(acceptedIds));
    },
    HEAVY_TIMEOUT,
  );

  it(
    'converges the search index: the stream indexed, every stored document found by its number',
    async () => {
      const since = logged.length;
      const res = await processStream(new StreamPump(direct, config.TABLE_NAME, endpoint('CSDL_TEST_DYNAMODB_ENDPOINT')));
      expect({ failures: res.failures, errors: logged.slice(since) }).toEqual({ failures: [], errors: [] });
      expect(res.records).toBeGreaterThan(0);
      const stored = await storedWorks(directPorts);
      before = await documentEntries();
      Object.assign(summary, { stored: stored.length, streamRecords: res.records, indexEntries: before.size });
      expect(new Set([...before.keys()].filter((k) => !k.includes('#')))).toEqual(new Set(stored.map((w) => w.id)));
      for (const work of stored) {
        const r = await fetch(`${base}/v1/search?q=${encodeURIComponent(work.number ?? work.title ?? work.id)}&scope=documents&limit=100`);
        expect(r.status).toBe(200);
        const hits = SearchResponse.parse(await r.json()).hits ?? [];
        expect({ id: work.id, found: hits.filter((h) => h.documentId === work.id && h.kind === 'document').length }).toEqual({ id: work.id, found: 1 });
      }
    },
    HEAVY_TIMEOUT,
  );

  it(
    'converges: a replay of every stream record changes nothing',
    async () => {
      const since = logged.length;
      const res = await processStream(new StreamPump(direct, config.TABLE_NAME, endpoint('CSDL_TEST_DYNAMODB_ENDPOINT')));
      expect({ failures: res.failures, errors: logged.slice(since) }).toEqual({ failures: [], errors: [] });
      expect(await documentEntries()).toEqual(before);
      summary.replayedRecords = res.records;
      summary.converged = true;
      const stored = await storedWorks(directPorts);
      expect(new Set(stored.map((w) => w.id))).toEqual(new Set(acceptedIds));
    },
    HEAVY_TIMEOUT,
  );
});
