/**
 * The stream indexer under Lambda's retry policy while OpenSearch is down, the dead-letter queue it ends in, and the
 * replay that brings the index back once OpenSearch returns.
 *
 * Real DynamoDB stream records (DynamoDB Local's stream, read by test/support/stream.ts) are handed to the indexer
 * handler by `EventSourceMapping` below, which follows the settings of infra/constructs/stream-indexing.ts:
 * ReportBatchItemFailures (the checkpoint moves to the first failed record), BisectBatchOnFunctionError (a failing
 * batch is split in two before the next retry), `retryAttempts` retries, then the on-failure destination gets — for
 * a DynamoDB stream — not the records but a `DDBStreamBatchInfo` pointer (shard, first and last sequence number)
 * and the shard moves on. OpenSearch is reached through a TCP proxy (test/support/tcp-proxy.ts), cut after the
 * CUT_AFTER-th upsert of the first invocation. functions/indexer/replay.ts then replays each DLQ message by reading
 * its range back from the stream (and, for an operator, by a list of document ids).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DeleteTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand } from '@aws-sdk/client-dynamodb-streams';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { Client } from '@opensearch-project/opensearch';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createTable } from '../../adapters/dynamodb/create-table';
import { MAPPING_VERSION, OpenSearchIndex } from '../../adapters/opensearch/search-index';
import { DomainError } from '../../domain/errors';
import type { Work } from '../../domain/model';
import type { Ports, SearchIndex } from '../../domain/ports';
import { ingestDocument } from '../../domain/services/ingest';
import { type AwsConfig, loadAwsConfig } from '../../functions/_shared/config';
import type { AppContext } from '../../functions/_shared/http';
import { createLogger } from '../../functions/_shared/logger';
import { createAwsClients, createAwsPorts } from '../../functions/_shared/wiring';
import { create as createIndexer, workIdOf } from '../../functions/indexer/app';
import { parseDeadLetter, replayDeadLetter, type StreamBatchInfo } from '../../functions/indexer/replay';
import { dynamodbStreamRange, streamsClient } from '../../functions/indexer/stream-range';
import { STREAM_SETTINGS } from '../../infra/constructs/stream-indexing';
import { CORPUS_DIR } from '../support/fixtures';
import { StreamPump } from '../support/stream';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

const CORPUS = CORPUS_DIR;
const FILES = [
  '78-2025-UBTVQH15.txt',
  '101-SL-L003.txt',
  '17-2022-UBTVQH15.txt',
  '26-2012-QH13.txt',
  '2284-QD-UBND-LamDong.txt',
  '52-2025-QD-CTUBND-CaoBang.txt',
  '84-2025-QD-UBND-HaTinh.txt',
];
const CUT_AFTER = 2;
const HEAVY_TIMEOUT = 180_000;

type Indexer = (e: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

function endpoint(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: the integration tests run under test/global-setup.ts, which starts the engines`);
  return v;
}

const seqOf = (r: DynamoDBRecord) => r.dynamodb?.SequenceNumber ?? '';

/** What Lambda writes to the on-failure destination of a DynamoDB stream event source mapping. */
interface DlqMessage {
  requestContext: { condition: 'RetryAttemptsExhausted'; approximateInvokeCount: number };
  responseContext: { statusCode: number };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: StreamBatchInfo & { batchSize: number };
}

/**
 * One shard of the table stream under the event source mapping's policy. An invocation that reports failures moves
 * the checkpoint to the first failed record; the rest of the batch is retried, bisected first (the first half), up to
 * `retryAttempts` retries; then the batch goes to the DLQ as a pointer and the shard goes on with what follows.
 */
class EventSourceMapping {
  readonly dlq: DlqMessage[] = [];
  invocations = 0;
  /** The sequence number each invocation reported first (its batch started there afterwards). */
  readonly reported: string[] = [];

  constructor(
    private readonly shardId: string,
    private readonly streamArn: string,
    private readonly settings: { batchSize: number; retryAttempts: number; bisect: boolean },
  ) {}

  async run(records: DynamoDBRecord[], indexer: Indexer): Promise<void> {
    const queue = [...records];
    while (queue.length > 0) {
      let batch = queue.slice(0, this.settings.batchSize);
      let retries = 0;
      for (;;) {
        this.invocations++;
        const out = await indexer({ Records: batch });
        if (out.batchItemFailures.length === 0) {
          queue.splice(0, batch.length);
          break;
        }
        const positions = out.batchItemFailures.map((f) => batch.findIndex((r) => seqOf(r) === f.itemIdentifier));
        // A failure that names no record of the batch would make Lambda retry the whole batch.
        expect(positions.every((p) => p >= 0)).toBe(true);
        const first = Math.min(...positions);
        this.reported.push(seqOf(batch[first]!));
        queue.splice(0, first);
        batch = batch.slice(first);
        if (retries === this.settings.retryAttempts) {
          this.dlq.push({
            requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: retries + 1 },
            responseContext: { statusCode: 200 },
            version: '1.0',
            timestamp: new Date().toISOString(),
            DDBStreamBatchInfo: {
              shardId: this.shardId,
              streamArn: this.streamArn,
              startSequenceNumber: seqOf(batch[0]!),
              endSequenceNumber: seqOf(batch[batch.length - 1]!),
              batchSize: batch.length,
            },
          });
          queue.splice(0, batch.length);
          break;
        }
        retries++;
        if (this.settings.bisect && batch.length > 1) batch = batch.slice(0, Math.ceil(batch.length / 2));
      }
    }
  }
}

const prefix = `dlq${randomBytes(4).toString('hex')}`;
let config: AwsConfig;
let clients: ReturnType<typeof createAwsClients>;
let proxy: TcpProxy;
let direct: Client;
let viaProxy: Client;
let ports: Ports;
let ctx: AppContext;
let indexer: Indexer;
const records: DynamoDBRecord[] = [];
let mapping: EventSourceMapping;
let indexedBeforeCut = new Map<string, number>();
/** What happened, for verify/faults.ts (written when CSDL_FAULT_REPORT_DIR is set). */
const summary: Record<string, unknown> = { documents: FILES.length, retryAttempts: STREAM_SETTINGS.retryAttempts, bisect: true };
const logged: { level: string; message: string }[] = [];
const upserted: string[] = [];
let onUpserted: (() => void) | null = null;

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

const alias = () => `${prefix}-search`;

/** Document entries of the index: work id → version, straight from the node. */
async function indexedDocuments(): Promise<Map<string, number>> {
  await direct.indices.refresh({ index: alias() });
  const res = await direct.search({
    index: alias(),
    body: { size: 10_000, version: true, _source: ['workId', 'kind'], query: { term: { kind: 'document' } } } as never,
  });
  return new Map(res.body.hits.hits.map((h) => [String((h._source as { workId: string }).workId), Number(h._version)]));
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

beforeAll(async () => {
  const target = new URL(endpoint('CSDL_TEST_OPENSEARCH_ENDPOINT'));
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
  const suffix = randomBytes(4).toString('hex');
  config = loadAwsConfig({
    TABLE_NAME: `csdl-dlq-${suffix}`,
    BUCKET_NAME: `csdl-dlq-${suffix}`,
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
  viaProxy = new Client({ node: proxy.url, maxRetries: 1, requestTimeout: 10_000, pingTimeout: 1_000 });
  direct = new Client({ node: target.origin, requestTimeout: 30_000 });
  ports = { ...createAwsPorts(config, { refresh: 'wait_for' }), search: tapped(new OpenSearchIndex(viaProxy, { prefix, refresh: 'wait_for' })) };
  await ports.search.ensureReady();
  await direct.indices.putSettings({ index: alias(), body: { index: { refresh_interval: '100ms' } } });
  const logger = createLogger('indexer-retry-dlq');
  for (const level of ['error', 'warn', 'info'] as const)
    jest.spyOn(logger, level).mockImplementation((message: unknown, ..._extra: unknown[]) => {
      if (level !== 'info') logged.push({ level, message: String(message) });
    });
  ctx = { ports: async () => ports, logger, storeName: 'dynamodb' };
  indexer = createIndexer(ctx) as unknown as Indexer;

  for (const f of FILES) await ingestDocument(ports, { fileName: f, bytes: readFileSync(join(CORPUS, f)), actor: 'test' });
  await new StreamPump(clients.dynamodb, config.TABLE_NAME, endpoint('CSDL_TEST_DYNAMODB_ENDPOINT')).pump(async (e) => {
    records.push(...e.Records);
    return { batchItemFailures: [] };
  }, 1000);
});

afterAll(async () => {
  const dir = process.env.CSDL_FAULT_REPORT_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${basename(__filename)}.json`), JSON.stringify(summary));
  }
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

describe('the stream indexer under Lambda retries while OpenSearch is down', () => {
  it('returns batchItemFailures from the first record it could not index', async () => {
    const works = records.filter((r) => workIdOf(r) !== null);
    expect(new Set(works.map(workIdOf)).size).toBe(FILES.length);
    // The first invocation, on the first batch: OpenSearch goes down after CUT_AFTER works were indexed.
    onUpserted = () => proxy.cut();
    const batch = records.slice(0, STREAM_SETTINGS.batchSize);
    const out = await indexer({ Records: batch });
    expect(proxy.isCut).toBe(true);
    expect(upserted).toHaveLength(CUT_AFTER);
    const firstNotIndexed = batch.find((r) => {
      const id = workIdOf(r);
      return id !== null && !upserted.includes(id);
    })!;
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: seqOf(firstNotIndexed) }]);
    expect(logged.map((l) => l.message)).toEqual(['Indexing failed']);
    // Looked at straight, not through the proxy.
    indexedBeforeCut = await indexedDocuments();
  });

  it(
    'sends what still fails after the retries to the DLQ as stream ranges, skipping none of the works not indexed',
    async () => {
      const table = await clients.dynamodb.send(new DescribeTableCommand({ TableName: config.TABLE_NAME }));
      const streamArn = table.Table!.LatestStreamArn!;
      const { StreamDescription } = await streamsClient({ region: config.AWS_REGION, endpoint: endpoint('CSDL_TEST_DYNAMODB_ENDPOINT') }).send(
        new DescribeStreamCommand({ StreamArn: streamArn }),
      );
      const shards = StreamDescription?.Shards ?? [];
      expect(shards).toHaveLength(1);
      mapping = new EventSourceMapping(shards[0]!.ShardId!, streamArn, {
        batchSize: STREAM_SETTINGS.batchSize,
        retryAttempts: STREAM_SETTINGS.retryAttempts,
        bisect: true,
      });
      // The mapping starts at TRIM_HORIZON: the works indexed before the cut are indexed again (idempotent by version).
      const before = upserted.length;
      await mapping.run(records, indexer);
      expect(upserted).toHaveLength(before);
      expect(mapping.dlq.length).toBeGreaterThan(0);
      Object.assign(summary, {
        streamRecords: records.length,
        invocations: mapping.invocations,
        dlqMessages: mapping.dlq.length,
        dlqRecords: mapping.dlq.reduce((n, m) => n + m.DDBStreamBatchInfo.batchSize, 0),
      });
      // Each DLQ message is the pointer Lambda writes, and follows the retry policy: retryAttempts + 1 invocations.
      for (const m of mapping.dlq) {
        expect(m.requestContext).toEqual({ condition: 'RetryAttemptsExhausted', approximateInvokeCount: STREAM_SETTINGS.retryAttempts + 1 });
        expect(BigInt(m.DDBStreamBatchInfo.startSequenceNumber) <= BigInt(m.DDBStreamBatchInfo.endSequenceNumber)).toBe(true);
        expect(parseDeadLetter(JSON.stringify(m))).toEqual({ info: m.DDBStreamBatchInfo });
      }
      // Bisecting narrows each failing batch: a DLQ range holds at most batchSize / 2^retryAttempts records (rounded up).
      for (const m of mapping.dlq)
        expect(m.DDBStreamBatchInfo.batchSize).toBeLessThanOrEqual(Math.ceil(STREAM_SETTINGS.batchSize / 2 ** STREAM_SETTINGS.retryAttempts));
      // Every work record lies in a DLQ range: none was dropped silently.
      const inDlq = (r: DynamoDBRecord) =>
        mapping.dlq.some(
          (m) => BigInt(seqOf(r)) >= BigInt(m.DDBStreamBatchInfo.startSequenceNumber) && BigInt(seqOf(r)) <= BigInt(m.DDBStreamBatchInfo.endSequenceNumber),
        );
      const workRecords = records.filter((r) => workIdOf(r) !== null);
      for (const r of workRecords) expect({ work: workIdOf(r), inDlq: inDlq(r) }).toEqual({ work: workIdOf(r), inDlq: true });
      expect(logged.some((l) => l.message === 'Document cannot be indexed; skipped')).toBe(false);
    },
    HEAVY_TIMEOUT,
  );

  it('a replay while OpenSearch is still down fails with dependency_unavailable and indexes nothing', async () => {
    expect(indexedBeforeCut.size).toBe(CUT_AFTER);
    const stream = dynamodbStreamRange(streamsClient({ region: config.AWS_REGION, endpoint: endpoint('CSDL_TEST_DYNAMODB_ENDPOINT') }));
    const err = await replayDeadLetter({ ports, logger: ctx.logger, stream }, JSON.stringify(mapping.dlq[0])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('dependency_unavailable');
    expect(await indexedDocuments()).toEqual(indexedBeforeCut);
  });

  it(
    'converges when OpenSearch returns: replaying every DLQ message from the stream indexes every stored work once',
    async () => {
      await proxy.restore();
      const stream = dynamodbStreamRange(streamsClient({ region: config.AWS_REGION, endpoint: endpoint('CSDL_TEST_DYNAMODB_ENDPOINT') }));
      const since = logged.length;
      const replayed = new Set<string>();
      for (const m of mapping.dlq) {
        const res = await replayDeadLetter({ ports, logger: ctx.logger, stream }, JSON.stringify(m));
        expect(res.from).toBe('stream');
        expect(res.records).toBe(m.DDBStreamBatchInfo.batchSize);
        expect(res.skipped).toEqual([]);
        for (const id of res.processed) replayed.add(id);
      }
      expect(logged.slice(since)).toEqual([]);
      const stored = await storedWorks();
      expect(stored).toHaveLength(FILES.length);
      expect(replayed).toEqual(new Set(records.map(workIdOf).filter((id) => id !== null)));
      const indexed = await indexedDocuments();
      Object.assign(summary, { replayedDocuments: replayed.size, indexedAfterReplay: indexed.size, converged: indexed.size === stored.length });
      expect(new Map([...indexed].sort())).toEqual(new Map(stored.map((w) => [w.id, w.version] as const).sort()));
    },
    HEAVY_TIMEOUT,
  );

  it(
    'a replay by document ids (what an operator sends once the range left the stream) and a second replay change nothing',
    async () => {
      const before = await indexedDocuments();
      const ids = [...before.keys()];
      const res = await replayDeadLetter({ ports, logger: ctx.logger }, { documentIds: ids });
      expect(res).toMatchObject({ from: 'ids', documentIds: ids, skipped: [] });
      expect(new Set(res.processed)).toEqual(new Set(ids));
      const stream = dynamodbStreamRange(streamsClient({ region: config.AWS_REGION, endpoint: endpoint('CSDL_TEST_DYNAMODB_ENDPOINT') }));
      for (const m of mapping.dlq) await replayDeadLetter({ ports, logger: ctx.logger, stream }, m);
      expect(await indexedDocuments()).toEqual(before);
      // A message that is neither a stream pointer nor an id list is refused, not guessed at.
      await expect(replayDeadLetter({ ports, logger: ctx.logger }, '{"Records":[]}')).rejects.toMatchObject({ code: 'validation' });
    },
    HEAVY_TIMEOUT,
  );
});
