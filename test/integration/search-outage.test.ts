/**
 * An OpenSearch outage during ingestion loses nothing: documents stay stored, the stream indexer hands the records it
 * could not index back to Lambda (partial batch failure), search answers 503 problem+json meanwhile, and the index
 * catches up when OpenSearch returns.
 *
 * The OpenSearch node is shared by every test file, so it is not stopped: the ports reach it through a TCP proxy
 * (test/support/tcp-proxy.ts) that is cut in the middle of an indexer invocation — from the client's side exactly a
 * node going down (open connections reset, new ones refused) — and restored later. DynamoDB and S3 stay up.
 * The stream is the real DynamoDB Local stream; `ShardConsumer` below delivers it to the indexer as the Lambda event
 * source mapping does with ReportBatchItemFailures: on a reported failure it checkpoints before the first failed
 * record and retries from there; nothing after it is skipped.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { Client } from '@opensearch-project/opensearch';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createTable } from '../../adapters/dynamodb/create-table';
import { MAPPING_VERSION, OpenSearchIndex } from '../../adapters/opensearch/search-index';
import type { Work } from '../../domain/model';
import type { Ports, SearchIndex } from '../../domain/ports';
import { type AwsConfig, loadAwsConfig } from '../../functions/_shared/config';
import type { AppContext } from '../../functions/_shared/http';
import { createLogger } from '../../functions/_shared/logger';
import { createAwsClients, createAwsPorts } from '../../functions/_shared/wiring';
import { create as createIndexer, workIdOf } from '../../functions/indexer/app';
import { signDevToken, verifyDevToken } from '../../local/devtoken';
import { buildHandlers } from '../../local/handlers';
import { createLocalServer } from '../../local/server';
import { CreateDocumentResponse } from '../../schemas/documents';
import { SearchResponse } from '../../schemas/search';
import { sampleFile } from '../support/fixtures';
import { StreamPump } from '../support/stream';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

/**
 * Indexed while OpenSearch is up; the proxy is cut after the CUT_AFTER-th upsert. An upsert is one work's entries; the
 * indexer also re-indexes the works a record's work points at (02/2023 amends 09/2022), so works are counted as a set.
 */
const BEFORE = ['02-2023-TT-BLDTBXH.txt', '09-2022-TT-BLDTBXH.txt', '51-2025-NQ-HDND-HaNoi.txt', '74-2025-NQ-HDND-HaNoi.txt', '38-2022-ND-CP.txt'];
const CUT_AFTER = 3;
/** Ingested while OpenSearch is down. */
const DURING = ['169-QD-BLDTBXH.txt', '1676-VBHN-BLDTBXH.txt', '84-2015-QH13.txt', '58-2014-QH13.txt', '45-2019-QH14.txt'];
/** Lambda's batch size for the table stream (infra/constructs/stream-indexing.ts). */
const BATCH_SIZE = 100;
/** The catch-up and the replays index the whole corpus again (links re-read from each original): a bound of their own. */
const HEAVY_TIMEOUT = 120_000;

type Indexer = (e: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

function endpoint(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: the integration tests run under test/global-setup.ts, which starts the engines`);
  return v;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const seqOf = (r: DynamoDBRecord) => r.dynamodb?.SequenceNumber ?? '';

/**
 * One shard of the table stream as the Lambda event source mapping (ReportBatchItemFailures, no bisect needed: the
 * handler never throws) consumes it: batches from the checkpoint; a success moves the checkpoint past the batch; a
 * reported failure moves it to just before the first failed record, and the next invocation starts there.
 */
class ShardConsumer {
  /** Records from the checkpoint on, in stream order. */
  readonly pending: DynamoDBRecord[] = [];
  private readonly reader: StreamPump;

  constructor(config: AwsConfig, clients: ReturnType<typeof createAwsClients>) {
    this.reader = new StreamPump(clients.dynamodb, config.TABLE_NAME, endpoint('CSDL_TEST_DYNAMODB_ENDPOINT'));
  }

  /** Reads the records written since the last poll (the first poll reads from TRIM_HORIZON). */
  async poll(): Promise<number> {
    const { records } = await this.reader.pump(async (e) => {
      this.pending.push(...e.Records);
      return { batchItemFailures: [] };
    }, 10_000);
    return records;
  }

  /** One invocation on the batch at the checkpoint. */
  async invoke(indexer: Indexer): Promise<{ batch: DynamoDBRecord[]; failures: string[]; ms: number }> {
    const batch = this.pending.slice(0, BATCH_SIZE);
    const started = Date.now();
    const out = await indexer({ Records: batch });
    const ms = Date.now() - started;
    const failures = out.batchItemFailures.map((f) => f.itemIdentifier);
    if (failures.length === 0) {
      this.pending.splice(0, batch.length);
      return { batch, failures, ms };
    }
    // An identifier that is not a record of the batch would make Lambda retry the whole batch: the handler must name
    // records by their sequence number.
    const positions = failures.map((f) => batch.findIndex((r) => seqOf(r) === f));
    expect(positions.every((p) => p >= 0)).toBe(true);
    this.pending.splice(0, Math.min(...positions));
    return { batch, failures, ms };
  }

  /** Invokes until the shard is drained or an invocation reports a failure (Lambda would then back off). */
  async drain(indexer: Indexer): Promise<{ invocations: number; failures: string[] }> {
    let invocations = 0;
    while (this.pending.length > 0) {
      invocations++;
      const res = await this.invoke(indexer);
      if (res.failures.length > 0) return { invocations, failures: res.failures };
    }
    return { invocations, failures: [] };
  }

  /** The works the records from the checkpoint on are about. */
  pendingWorks(): Set<string> {
    return new Set(this.pending.map(workIdOf).filter((id): id is string => id !== null));
  }
}

const secret = new TextEncoder().encode('search-outage-test-secret');
const prefix = `outage${randomBytes(4).toString('hex')}`;
let config: AwsConfig;
let clients: ReturnType<typeof createAwsClients>;
let proxy: TcpProxy;
/** Straight to the node, never through the proxy: to look at the index itself and to clean up. */
let direct: Client;
/** The application's OpenSearch client, through the proxy. */
let viaProxy: Client;
let ports: Ports;
let ctx: AppContext;
let server: Server;
let base: string;
let editor: string;
let consumer: ShardConsumer;
let indexer: Indexer;
const logged: { level: string; message: string; extra: unknown[] }[] = [];

/** Works whose entries reached the index, one per upsert that resolved (a work may come more than once). */
const upserted: string[] = [];
/** Runs once after the CUT_AFTER-th successful upsert: the node goes down in the middle of the indexer invocation. */
let onUpserted: (() => void) | null = null;

/**
 * The real OpenSearch adapter, with a tap on upsert (what reached the index, and the moment to cut); every other
 * method of the port goes straight to the adapter.
 */
function tapped(index: OpenSearchIndex): SearchIndex {
  const upsert: SearchIndex['upsert'] = async (entries) => {
    await index.upsert(entries);
    const id = entries[0]?.workId;
    if (id) upserted.push(id);
    if (upserted.length === CUT_AFTER && onUpserted) {
      const f = onUpserted;
      onUpserted = null;
      f();
    }
  };
  return new Proxy(index, {
    get(target, key) {
      if (key === 'upsert') return upsert;
      const v = Reflect.get(target, key, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** What the handlers logged as errors since `from`: message and error, for assertion messages. */
const errorsSince = (from: number) =>
  logged.slice(from).map((l) => `${l.level}: ${l.message}: ${String((l.extra[0] as { error?: unknown } | undefined)?.error ?? '')}`);

const alias = () => `${prefix}-search`;

/** Every entry of the index: id → version (read straight from the node). */
async function indexSnapshot(): Promise<Map<string, number>> {
  await direct.indices.refresh({ index: alias() });
  const res = await direct.search({
    index: alias(),
    body: { size: 10_000, track_total_hits: true, version: true, _source: false, query: { match_all: {} }, sort: [{ id: 'asc' }] } as never,
  });
  const total = typeof res.body.hits.total === 'number' ? res.body.hits.total : (res.body.hits.total?.value ?? 0);
  expect(total).toBeLessThan(10_000);
  return new Map(res.body.hits.hits.map((h) => [h._id as string, Number(h._version)]));
}

async function documentEntries(): Promise<number> {
  await direct.indices.refresh({ index: alias() });
  const res = await direct.count({ index: alias(), body: { query: { term: { kind: 'document' } } } });
  return res.body.count;
}

async function storedWorks(): Promise<Work[]> {
  const out: Work[] = [];
  let cursor: string | undefined;
  do {
    const page = await ports.works.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const ingest = (fileName: string, bytes: Buffer) =>
  fetch(`${base}/v1/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
    body: JSON.stringify({ fileName, content: bytes.toString('base64'), encoding: 'base64' }),
  });

interface Accepted {
  fileName: string;
  sha256: string;
  status: number;
  outcome: string;
  id: string;
  number: string | null;
}
const accepted: Accepted[] = [];
const refused: { fileName: string; sha256: string; status: number; type: string }[] = [];

async function ingestAll(files: [string, Buffer][]): Promise<void> {
  for (const [fileName, bytes] of files) {
    const res = await ingest(fileName, bytes);
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status === 200 || res.status === 201) {
      const parsed = CreateDocumentResponse.parse(body);
      accepted.push({ fileName, sha256: sha256(bytes), status: res.status, outcome: parsed.outcome, id: parsed.document.id, number: parsed.document.number });
    } else {
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      refused.push({ fileName, sha256: sha256(bytes), status: res.status, type: String(body.type) });
    }
  }
}

beforeAll(async () => {
  const target = new URL(endpoint('CSDL_TEST_OPENSEARCH_ENDPOINT'));
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  const suffix = randomBytes(4).toString('hex');
  config = loadAwsConfig({
    TABLE_NAME: `csdl-outage-${suffix}`,
    BUCKET_NAME: `csdl-outage-${suffix}`,
    OPENSEARCH_ENDPOINT: proxy.url,
    OPENSEARCH_INDEX_PREFIX: prefix,
    OPENSEARCH_AUTH: 'none',
    DYNAMODB_ENDPOINT: endpoint('CSDL_TEST_DYNAMODB_ENDPOINT'),
    S3_ENDPOINT: endpoint('CSDL_TEST_S3_ENDPOINT'),
    AWS_REGION: 'ap-southeast-1',
  });
  clients = createAwsClients(config);
  await createTable(clients.dynamodb, config.TABLE_NAME);
  await clients.s3.send(new CreateBucketCommand({ Bucket: config.BUCKET_NAME }));
  // The production wiring, except the OpenSearch client: it goes through the proxy and retries once instead of
  // twice. A refused or reset connection fails at once whatever the timeout; the timeout stays the production 10 s
  // because a healthy bulk of a whole code (45/2019/QH14: ~1,100 entries, refresh=wait_for) takes seconds.
  viaProxy = new Client({ node: proxy.url, maxRetries: 1, requestTimeout: 10_000, pingTimeout: 1_000 });
  direct = new Client({ node: target.origin, requestTimeout: 30_000 });
  ports = {
    ...createAwsPorts(config, { refresh: 'wait_for' }),
    search: tapped(new OpenSearchIndex(viaProxy, { prefix, refresh: 'wait_for' })),
  };
  await ports.search.ensureReady();
  // This test's own index refreshes every 100 ms instead of every second: each upsert waits for a refresh
  // (refresh=wait_for, as in every engine test), and the test upserts 30 works.
  await direct.indices.putSettings({ index: alias(), body: { index: { refresh_interval: '100ms' } } });

  const logger = createLogger('search-outage');
  // Kept for the assertions (and their messages) instead of printed: errors are expected here.
  for (const level of ['error', 'warn', 'info'] as const)
    jest.spyOn(logger, level).mockImplementation((message: unknown, ...extra: unknown[]) => {
      if (level !== 'info') logged.push({ level, message: String(message), extra });
    });
  ctx = { ports: async () => ports, logger, storeName: 'dynamodb' };
  indexer = createIndexer(ctx) as unknown as Indexer;
  server = createLocalServer({ handlers: buildHandlers(ctx), verifyToken: (t) => verifyDevToken(secret, t) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  editor = await signDevToken(secret, 'editor-outage', ['editor']);
  consumer = new ShardConsumer(config, clients);
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  await proxy?.close();
  await viaProxy?.close();
  if (direct) {
    await direct.indices.delete({ index: `${alias()}-v${MAPPING_VERSION}` }, { ignore: [404] });
    await direct.close();
  }
  if (clients) {
    await clients.dynamodb.send(new DeleteTableCommand({ TableName: config.TABLE_NAME })).catch(() => {});
    clients.dynamodb.destroy();
    clients.s3.destroy();
    await clients.opensearch.close();
  }
});

describe('an OpenSearch outage during ingestion', () => {
  let failedRecord = '';
  let indexedBeforeCut = new Set<string>();

  it('goes down in the middle of an indexer invocation: the records not indexed are reported, none is dropped', async () => {
    await ingestAll(BEFORE.map((f) => [f, sampleFile(f)]));
    expect(accepted.map((a) => a.status)).toEqual(BEFORE.map(() => 201));
    expect(await consumer.poll()).toBeGreaterThan(0);

    onUpserted = () => proxy.cut();
    const first = await consumer.drain(indexer);
    expect(proxy.isCut).toBe(true);
    expect(upserted).toHaveLength(CUT_AFTER);
    indexedBeforeCut = new Set(upserted);
    // Exactly one record is reported, a work's record, and the checkpoint is just before it: Lambda retries from it.
    expect(first.failures).toHaveLength(1);
    failedRecord = first.failures[0]!;
    const head = consumer.pending[0]!;
    expect(seqOf(head)).toBe(failedRecord);
    expect(workIdOf(head)).not.toBeNull();
    // Every work stored and not indexed is still ahead of the checkpoint.
    const notIndexed = accepted.map((a) => a.id).filter((id) => !indexedBeforeCut.has(id));
    expect(notIndexed.length).toBeGreaterThan(0);
    for (const id of notIndexed) expect(consumer.pendingWorks()).toContain(id);
    expect(logged.some((l) => l.message === 'Indexing failed')).toBe(true);
    // Straight from the node: the index holds the documents indexed before the cut, no more.
    expect(await documentEntries()).toBe(indexedBeforeCut.size);
  });

  it('keeps ingesting while OpenSearch is down: every accepted document is stored', async () => {
    const during: [string, Buffer][] = DURING.map((f) => [f, sampleFile(f)]);
    // The same bytes again under another name, and a file that is no legal document.
    during.push(['09-2022-again.txt', sampleFile('09-2022-TT-BLDTBXH.txt')]);
    during.push(['notes.txt', Buffer.from('Ghi chú họp giao ban: mang theo máy tính.\n', 'utf8')]);
    const before = accepted.length;
    await ingestAll(during);
    const now = accepted.slice(before);
    expect(now.map((a) => [a.fileName, a.status, a.outcome])).toEqual([...DURING.map((f) => [f, 201, 'created']), ['09-2022-again.txt', 200, 'unchanged']]);
    expect(now[now.length - 1]!.id).toBe('09-2022-TT-BLDTBXH');
    expect(refused).toEqual([expect.objectContaining({ fileName: 'notes.txt', status: 422, type: '/problems/unreadable-document' })]);
    // Reads that need no index still answer.
    const get = await fetch(`${base}/v1/documents/${encodeURIComponent(now[0]!.id)}`);
    expect(get.status).toBe(200);
  });

  it('answers searches with 503 problem+json while down, within seconds', async () => {
    const started = Date.now();
    for (const path of ['/v1/search?q=hop%20dong%20lao%20dong', '/v1/search?q=lao%20dong&group=document', '/v1/search/suggest?q=45%2F2019']) {
      const res = await fetch(`${base}${path}`);
      const body = (await res.json()) as { type: string; status: number; title: string };
      expect({ path, status: res.status }).toEqual({ path, status: 503 });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(body).toMatchObject({ type: '/problems/dependency-unavailable', status: 503 });
    }
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(logged.some((l) => l.message === 'Unhandled error')).toBe(false);
  });

  it('Lambda retries during the outage fail on the same record and throw nothing away', async () => {
    expect(await consumer.poll()).toBeGreaterThan(0);
    const stored = await storedWorks();
    const notIndexed = stored.map((w) => w.id).filter((id) => !indexedBeforeCut.has(id));
    expect(notIndexed).toHaveLength(BEFORE.length + DURING.length - indexedBeforeCut.size);
    for (let attempt = 1; attempt <= 2; attempt++) {
      const size = consumer.pending.length;
      const retry = await consumer.invoke(indexer);
      expect(retry.failures).toEqual([failedRecord]);
      expect(consumer.pending.length).toBe(size);
      expect(retry.ms).toBeLessThan(10_000);
      for (const id of notIndexed) expect(consumer.pendingWorks()).toContain(id);
    }
    expect(upserted).toHaveLength(CUT_AFTER);
  });

  it('stores every accepted document exactly once, by id and by source hash; nothing for a refused one', async () => {
    const stored = await storedWorks();
    const ids = stored.map((w) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(accepted.map((a) => a.id)));
    expect(ids).toHaveLength(BEFORE.length + DURING.length);
    for (const a of accepted) {
      const work = await ports.works.get(a.id);
      expect(work).not.toBeNull();
      expect(work!.sources.filter((s) => s.sha256 === a.sha256)).toHaveLength(1);
      expect(await ports.works.findIdBySourceHash(a.sha256)).toBe(a.id);
      expect(await ports.blobs.get(work!.sources[0]!.blobKey)).not.toBeNull();
    }
    for (const r of refused) expect(await ports.works.findIdBySourceHash(r.sha256)).toBeNull();
  });

  it(
    'catches up when OpenSearch returns: every stored document is found by its number, one entry each',
    async () => {
      await proxy.restore();
      const since = logged.length;
      const drained = await consumer.drain(indexer);
      // The errors in the assertion say why, should an invocation fail after the node is back.
      expect({ failures: drained.failures, errors: errorsSince(since) }).toEqual({ failures: [], errors: [] });
      expect(consumer.pending).toHaveLength(0);

      const stored = await storedWorks();
      expect(await documentEntries()).toBe(stored.length);
      for (const work of stored) {
        expect(work.number).not.toBeNull();
        const res = await fetch(`${base}/v1/search?q=${encodeURIComponent(work.number!)}&scope=documents&limit=100`);
        expect(res.status).toBe(200);
        const hits = SearchResponse.parse(await res.json()).hits ?? [];
        expect({ number: work.number, found: hits.filter((h) => h.documentId === work.id && h.kind === 'document').length }).toEqual({
          number: work.number,
          found: 1,
        });
      }
      // Every entry carries the version of its stored work.
      const snapshot = await indexSnapshot();
      const versions = new Map(stored.map((w) => [w.id, w.version]));
      for (const [id, version] of snapshot) expect({ id, version }).toEqual({ id, version: versions.get(id.split('#')[0]!) });
    },
    HEAVY_TIMEOUT,
  );

  it(
    'is idempotent by version: replaying the whole stream twice more changes nothing',
    async () => {
      const before = await indexSnapshot();
      const documents = await documentEntries();
      for (let replay = 1; replay <= 2; replay++) {
        const again = new ShardConsumer(config, clients);
        expect(await again.poll()).toBeGreaterThan(0);
        expect(again.pendingWorks().size).toBe(BEFORE.length + DURING.length);
        const since = logged.length;
        const upserts = upserted.length;
        const drained = await again.drain(indexer);
        expect({ failures: drained.failures, errors: errorsSince(since) }).toEqual({ failures: [], errors: [] });
        // Every work was written again (at least once: a work pointed at by another is re-indexed with it)…
        expect(new Set(upserted.slice(upserts))).toEqual(new Set([...before.keys()].filter((id) => !id.includes('#'))));
        // …and the index is the same, entry for entry, version for version.
        expect(await indexSnapshot()).toEqual(before);
        expect(await documentEntries()).toBe(documents);
      }
    },
    HEAVY_TIMEOUT,
  );
});
