/**
 * The rig of the outage tests (test/integration/*-fault.test.ts): one engine (DynamoDB or S3) reached by the
 * application through a TCP proxy (test/support/tcp-proxy.ts) that is cut right after the CUT_AFTER-th write of a
 * tapped port while CONCURRENCY ingests run at once, and restored later; the other engines stay up. The test looks at
 * what is stored straight, never through the proxy. Each file states what its engine's outage must do; the steps both
 * share — a search load during the outage, the retries of the client, the stream's convergence and its replay — are
 * here, as `it` blocks registered in the order the file calls them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { createTable } from '../../adapters/dynamodb/create-table';
import { MAPPING_VERSION } from '../../adapters/opensearch/search-index';
import type { Work } from '../../domain/model';
import type { Ports } from '../../domain/ports';
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
import { CORPUS_DIR } from './fixtures';
import { StreamPump } from './stream';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/** Real documents of the development corpus (the smaller ones: the batch is about the outage, not about size). */
export const FILES = [
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
/** The proxy is cut right after this many writes of the tapped port (while other ingests are in flight). */
export const CUT_AFTER = 5;
export const CONCURRENCY = 3;
export const HEAVY_TIMEOUT = 180_000;

type Indexer = (e: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

export function endpoint(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: the integration tests run under test/global-setup.ts, which starts the engines`);
  return v;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export interface Outcome {
  fileName: string;
  sha256: string;
  status: number;
  type?: string;
  id?: string;
  outcome?: string;
}

export const accepted = (o: Outcome) => o.status === 201 || o.status === 200;

/**
 * A port with a tap on one method: after its CUT_AFTER-th call returns, the armed callback runs once (the moment to
 * cut). Every other method passes through.
 */
function tapped<T extends object>(port: T, method: keyof T, rig: { calls: number; onCut: (() => void) | null }): T {
  return new Proxy(port, {
    get(target, key) {
      const v = Reflect.get(target, key, target);
      if (key !== method || typeof v !== 'function') return typeof v === 'function' ? v.bind(target) : v;
      return async (...args: unknown[]) => {
        const out = await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        rig.calls++;
        if (rig.calls === CUT_AFTER && rig.onCut) {
          const f = rig.onCut;
          rig.onCut = null;
          f();
        }
        return out;
      };
    },
  });
}

/** The steps both outages share, registered as `it` blocks where the file calls them. */
export interface SharedSteps {
  itAnswersSearchLoad(): void;
  itStoresAllAfterRetries(): void;
  itConverges(): void;
}

export interface FaultRig extends SharedSteps {
  name: string;
  config: AwsConfig;
  proxy: TcpProxy;
  /** Straight to DynamoDB Local: the test's own view of the table, and the stream. */
  direct: DynamoDBClient;
  /** Straight to every engine: the test's view of what is stored. */
  directPorts: Ports;
  /** The application's ports, the proxied engine through the proxy. */
  ports: Ports;
  base: string;
  indexer: Indexer;
  /** What happened, for verify/faults.ts (written when CSDL_FAULT_REPORT_DIR is set). */
  summary: Record<string, unknown>;
  logged: { level: string; message: string; error: string }[];
  /** The first batch's outcomes (set by ingestFirstBatch). */
  first: Outcome[];
  /** Cuts the proxy after the CUT_AFTER-th write of the tapped port, runs the batch, returns its outcomes. */
  ingestFirstBatch(): Promise<Outcome[]>;
  ingestBatch(files: string[]): Promise<Outcome[]>;
  storedWorks(p?: Ports): Promise<Work[]>;
  expectStoredOnce(accepted: Outcome[]): Promise<Work[]>;
  pumpStream(handler?: Indexer, batchSize?: number): Promise<{ records: number; failures: string[] }>;
}

/**
 * Sets up one outage: `engine` is the one behind the proxy; `tap` the port method whose CUT_AFTER-th write cuts it.
 * Registers its beforeAll and afterAll in the calling file.
 */
export function faultRig(o: {
  engine: 'dynamodb' | 's3';
  tap: { port: 'works'; method: 'save' } | { port: 'blobs'; method: 'put' };
  /** The test file's name: verify/faults.ts reads `<it>.json` from CSDL_FAULT_REPORT_DIR. */
  reportName: string;
}): FaultRig {
  const name = o.engine === 'dynamodb' ? 'ddbfault' : 's3fault';
  const prefix = `${name}${randomBytes(4).toString('hex')}`;
  const secret = new TextEncoder().encode(`${name}-test-secret`);
  const cut = { calls: 0, onCut: null as (() => void) | null };
  let server: Server;
  let editor = '';
  let os: ReturnType<typeof createAwsClients>['opensearch'];
  const rig = {
    name,
    summary: { documents: FILES.length, cutAfter: CUT_AFTER, concurrency: CONCURRENCY },
    logged: [],
    first: [],
  } as unknown as FaultRig;

  const ingest = async (fileName: string): Promise<Outcome> => {
    const bytes = readFileSync(join(CORPUS_DIR, fileName));
    const res = await fetch(`${rig.base}/v1/documents`, {
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
  };

  rig.ingestBatch = async (files) => {
    const out: Outcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const f = files[next++] as string;
        out.push(await ingest(f));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return out;
  };

  rig.ingestFirstBatch = async () => {
    cut.onCut = () => rig.proxy.cut();
    rig.first = await rig.ingestBatch(FILES);
    return rig.first;
  };

  rig.storedWorks = async (p = rig.directPorts) => {
    const out: Work[] = [];
    let cursor: string | undefined;
    do {
      const page = await p.works.list({ limit: 100, ...(cursor ? { cursor } : {}) });
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };

  rig.expectStoredOnce = async (acceptedOutcomes) => {
    const stored = await rig.storedWorks();
    const ids = stored.map((w) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of acceptedOutcomes) {
      const work = stored.find((w) => w.id === a.id);
      expect({ file: a.fileName, stored: work !== undefined }).toEqual({ file: a.fileName, stored: true });
      if (!work) continue;
      expect(work.sources.filter((s) => s.sha256 === a.sha256)).toHaveLength(1);
      expect(await rig.directPorts.works.findIdBySourceHash(a.sha256)).toBe(a.id);
      for (const s of work.sources) expect(await rig.directPorts.blobs.get(s.blobKey)).not.toBeNull();
      expect(work.unitSet).not.toBeNull();
      expect(await rig.directPorts.units.listUnits(work.unitSet as string)).toHaveLength(work.unitCount);
      expect(work.unitCount).toBeGreaterThan(0);
    }
    return stored;
  };

  rig.pumpStream = (handler = rig.indexer, batchSize = 100) =>
    new StreamPump(rig.direct, rig.config.TABLE_NAME, endpoint('CSDL_TEST_DYNAMODB_ENDPOINT')).pump(handler, batchSize);

  beforeAll(async () => {
    const proxied = o.engine === 'dynamodb' ? 'CSDL_TEST_DYNAMODB_ENDPOINT' : 'CSDL_TEST_S3_ENDPOINT';
    const target = new URL(endpoint(proxied));
    rig.proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    const suffix = randomBytes(4).toString('hex');
    const env = {
      TABLE_NAME: `csdl-${name}-${suffix}`,
      BUCKET_NAME: `csdl-${name}-${suffix}`,
      OPENSEARCH_ENDPOINT: endpoint('CSDL_TEST_OPENSEARCH_ENDPOINT'),
      OPENSEARCH_INDEX_PREFIX: prefix,
      OPENSEARCH_AUTH: 'none',
      DYNAMODB_ENDPOINT: endpoint('CSDL_TEST_DYNAMODB_ENDPOINT'),
      S3_ENDPOINT: endpoint('CSDL_TEST_S3_ENDPOINT'),
      AWS_REGION: 'ap-southeast-1',
    };
    const through = o.engine === 'dynamodb' ? 'DYNAMODB_ENDPOINT' : 'S3_ENDPOINT';
    rig.config = loadAwsConfig({ ...env, [through]: rig.proxy.url });
    const directConfig = loadAwsConfig({ ...env, [through]: target.origin });
    const directClients = createAwsClients(directConfig);
    rig.direct = directClients.dynamodb;
    await createTable(rig.direct, rig.config.TABLE_NAME);
    await directClients.s3.send(new CreateBucketCommand({ Bucket: rig.config.BUCKET_NAME }));
    directClients.s3.destroy();
    os = directClients.opensearch;
    rig.directPorts = createAwsPorts(directConfig, { refresh: 'wait_for' });
    const app = createAwsPorts(rig.config, { refresh: 'wait_for' });
    rig.ports = o.tap.port === 'works' ? { ...app, works: tapped(app.works, o.tap.method, cut) } : { ...app, blobs: tapped(app.blobs, o.tap.method, cut) };
    await rig.ports.search.ensureReady();

    const logger = createLogger(name);
    for (const level of ['error', 'warn', 'info'] as const)
      jest.spyOn(logger, level).mockImplementation((message: unknown, ...extra: unknown[]) => {
        const e = (extra[0] as { error?: { name?: string; code?: string; message?: string } } | undefined)?.error;
        if (level !== 'info') rig.logged.push({ level, message: String(message), error: e ? `${e.name}/${e.code}: ${e.message}` : '' });
      });
    const ctx: AppContext = { ports: async () => rig.ports, logger, storeName: 'dynamodb' };
    rig.indexer = createIndexer(ctx) as unknown as Indexer;
    server = createLocalServer({ handlers: buildHandlers(ctx), verifyToken: (t) => verifyDevToken(secret, t) });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    rig.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    editor = await signDevToken(secret, `editor-${name}`, ['editor']);
  });

  afterAll(async () => {
    const dir = process.env.CSDL_FAULT_REPORT_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${o.reportName}.json`), JSON.stringify(rig.summary));
    }
    server?.closeAllConnections();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await rig.proxy?.close();
    if (rig.direct) {
      await rig.direct.send(new DeleteTableCommand({ TableName: rig.config.TABLE_NAME })).catch(() => {});
      rig.direct.destroy();
    }
    if (os) {
      await os.indices.delete({ index: `${prefix}-search-v${MAPPING_VERSION}` }, { ignore: [404] });
      await os.close();
    }
  });

  /** Every entry of the index: id → version (read straight from the node). */
  const indexEntries = async (): Promise<Map<string, number>> => {
    await os.indices.refresh({ index: `${prefix}-search` });
    const res = await os.search({
      index: `${prefix}-search`,
      body: { size: 10_000, version: true, _source: false, query: { match_all: {} } } as never,
    });
    return new Map(res.body.hits.hits.map((h) => [h._id as string, Number(h._version)]));
  };
  let acceptedIds: string[] = [];
  let before = new Map<string, number>();

  Object.assign(rig, {
    /** A search load during the outage answers 200 or 503 problem+json, never 500. */
    itAnswersSearchLoad() {
      it('answers a search load during the outage with 200 or 503, never 500', async () => {
        const queries = ['quyet dinh', 'nghi quyet', 'uy ban nhan dan', '"hoi dong nhan dan"', 'thong tu'];
        const paths = queries.flatMap((q) => [`/v1/search?q=${encodeURIComponent(q)}`, `/v1/search?q=${encodeURIComponent(q)}&group=document&facets=true`]);
        paths.push('/v1/search/suggest?q=78%2F2025');
        const results = await Promise.all(
          paths.map(async (path) => {
            const res = await fetch(`${rig.base}${path}`);
            const body = (await res.json()) as { type?: string };
            return { path, status: res.status, type: body.type };
          }),
        );
        const byStatus: Record<string, number> = {};
        for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
        rig.summary.searchesDuringOutage = byStatus;
        for (const r of results) {
          expect([200, 503]).toContain(r.status);
          if (r.status === 503) expect(r.type).toBe('/problems/dependency-unavailable');
        }
        expect(rig.logged.filter((l) => l.message === 'Unhandled error')).toEqual([]);
      });
    },
    /** After the proxy is restored, the client's retries store every document, still exactly once. */
    itStoresAllAfterRetries() {
      it(
        'stores every document after the client retries the failed ones, still exactly once',
        async () => {
          await rig.proxy.restore();
          const failed = rig.first.filter((x) => !accepted(x)).map((x) => x.fileName);
          const retried = await rig.ingestBatch(failed);
          expect(retried.map((x) => [x.fileName, x.status])).toEqual(expect.arrayContaining(failed.map((f) => [f, expect.any(Number)])));
          // A write cut after the engine committed it answered 503 the first time: the retry finds it (200 unchanged).
          for (const r of retried) expect({ file: r.fileName, status: accepted(r) }).toEqual({ file: r.fileName, status: true });
          rig.summary.retried = retried.length;
          rig.summary.retriedAlreadyStored = retried.filter((r) => r.status === 200).length;
          const all = [...rig.first.filter((x) => x.id), ...retried];
          acceptedIds = [...new Set(all.map((x) => x.id as string))];
          const stored = await rig.expectStoredOnce(all);
          expect(stored).toHaveLength(FILES.length);
          expect(new Set(stored.map((w) => w.id))).toEqual(new Set(acceptedIds));
        },
        HEAVY_TIMEOUT,
      );
    },
    /** The stream indexes every stored document, found by its number; a replay of every record changes nothing. */
    itConverges() {
      it(
        'converges the search index: the stream indexed, every stored document found by its number',
        async () => {
          const since = rig.logged.length;
          const res = await rig.pumpStream();
          expect({ failures: res.failures, errors: rig.logged.slice(since) }).toEqual({ failures: [], errors: [] });
          expect(res.records).toBeGreaterThan(0);
          const stored = await rig.storedWorks();
          before = await indexEntries();
          Object.assign(rig.summary, { stored: stored.length, streamRecords: res.records, indexEntries: before.size });
          expect(new Set([...before.keys()].filter((k) => !k.includes('#')))).toEqual(new Set(stored.map((w) => w.id)));
          for (const work of stored) {
            const r = await fetch(`${rig.base}/v1/search?q=${encodeURIComponent(work.number ?? work.title ?? work.id)}&scope=documents&limit=100`);
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
          const since = rig.logged.length;
          const res = await rig.pumpStream();
          expect({ failures: res.failures, errors: rig.logged.slice(since) }).toEqual({ failures: [], errors: [] });
          expect(await indexEntries()).toEqual(before);
          rig.summary.replayedRecords = res.records;
          rig.summary.converged = true;
          const stored = await rig.storedWorks();
          expect(new Set(stored.map((w) => w.id))).toEqual(new Set(acceptedIds));
        },
        HEAVY_TIMEOUT,
      );
    },
  });
  return rig;
}
