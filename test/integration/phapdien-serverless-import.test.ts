/**
 * The serverless import of the Bộ pháp điển export (docs/adr/0010) on real engines: the export is uploaded to the
 * S3-compatible server, the job lives in DynamoDB Local, codified articles land in DynamoDB and OpenSearch. The
 * POST/GET routes run through the local runtime's event translation; the splitter and the worker are the real
 * Lambda handlers fed SQS events built from the messages they sent (captured by an in-test queue: there is no SQS
 * engine here), shuffled, one delivered twice. Counts are checked against the `csdl phapdien import` CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DynamoImportJobRepository } from '../../adapters/dynamodb/import-job-repository';
import { S3ImportFiles } from '../../adapters/s3/import-files';
import { parseTree } from '../../domain/codify/export';
import { decodeExportFile } from '../../domain/services/codification-import';
import type { ImportMessage, ImportPorts, ImportQueue, Ports } from '../../domain/ports';
import { create as createSplit } from '../../functions/codification-import-split/app';
import { create as createWorker } from '../../functions/codification-import-worker/app';
import type { AppContext } from '../../functions/_shared/http';
import { createLogger } from '../../functions/_shared/logger';
import { signDevToken, verifyDevToken } from '../../local/devtoken';
import { buildHandlers } from '../../local/handlers';
import { createLocalServer } from '../../local/server';
import { ImportResponse } from '../../schemas/codification-imports';
import { awsTestEnvironment } from '../support/aws';

const ROOT = resolve(__dirname, '../..');
const FIXTURES = [join(ROOT, 'test/fixtures/phapdien'), join(ROOT, 'test/fixtures/phapdien-import/demuc')];
const TREE = join(ROOT, 'test/fixtures/phapdien-import/tree.json');
const headingFiles = FIXTURES.flatMap((dir) => readdirSync(dir).map((name) => ({ name, path: join(dir, name) }))).sort((a, b) => a.name.localeCompare(b.name));
const BROKEN = 'ffffffff-0000-4000-8000-truncated000.html.gz';

/** An SQS stand-in: records what the functions send, in order. */
class CapturingQueue implements ImportQueue {
  readonly sent: ImportMessage[] = [];
  async send(messages: ImportMessage[]): Promise<void> {
    this.sent.push(...messages);
  }
  take(): ImportMessage[] {
    return this.sent.splice(0);
  }
}

const secret = new TextEncoder().encode('integration-test-secret');
let env: Awaited<ReturnType<typeof awsTestEnvironment>>;
let imports: ImportPorts & { queue: CapturingQueue };
let ctx: AppContext;
let server: Server;
let base: string;
let reviewer: string;
let seq = 0;

type BatchHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;
const splitter = (c: AppContext = ctx) => createSplit(c) as unknown as BatchHandler;
const worker = (c: AppContext = ctx) => createWorker(c) as unknown as BatchHandler;

const record = (body: string, receiveCount = 1): SQSRecord =>
  ({
    messageId: `m-${++seq}`,
    receiptHandle: `r-${seq}`,
    body,
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:import',
    awsRegion: 'ap-southeast-1',
  }) as SQSRecord;
const sqsEvent = (records: SQSRecord[]): SQSEvent => ({ Records: records });

/** A seeded shuffle: the same "random" delivery order on every run. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function upload(key: string, body: Uint8Array): Promise<void> {
  await env.clients.s3.send(new PutObjectCommand({ Bucket: env.config.BUCKET_NAME, Key: key, Body: body }));
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${reviewer}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
const getJob = async (id: string) => ImportResponse.parse(await (await api(`/v1/codification/imports/${id}`)).json());

/** What `csdl phapdien import` makes of the same files: per-heading article counts and the files it refused. */
type CliTotals = Record<'headings' | 'articles' | 'added' | 'removed' | 'changed' | 'unchanged' | 'unwritten' | 'diagnostics', number>;
function cliImport(dir: string): CliTotals & { reports: { file: string; headingId: string; articles: number }[]; failed: { file: string; error: string }[] } {
  const data = mkdtempSync(join(tmpdir(), 'csdl-cli-'));
  try {
    const res = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'cli/main.ts', 'phapdien', 'import', dir, '--data', data, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const last = res.stdout.trim().split('\n').at(-1) ?? '';
    return JSON.parse(last);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

let cli: ReturnType<typeof cliImport>;
let cliDir: string;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'CRITICAL';
  env = await awsTestEnvironment();
  imports = {
    jobs: new DynamoImportJobRepository(env.clients.dynamodb, env.config.TABLE_NAME),
    files: new S3ImportFiles(env.clients.s3, env.config.BUCKET_NAME),
    queue: new CapturingQueue(),
  };
  ctx = { ports: async () => env.ports, logger: createLogger('integration'), storeName: 'dynamodb', imports: async () => imports };
  server = createLocalServer({ handlers: buildHandlers(ctx), verifyToken: (t) => verifyDevToken(secret, t) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  reviewer = await signDevToken(secret, 'reviewer-1', ['reviewer']);

  // The CLI on the same files, the truncated one included, from a folder laid out like the export.
  cliDir = mkdtempSync(join(tmpdir(), 'csdl-export-'));
  mkdirSync(join(cliDir, 'demuc'));
  for (const f of headingFiles) writeFileSync(join(cliDir, 'demuc', f.name), readFileSync(f.path));
  writeFileSync(join(cliDir, 'demuc', BROKEN), truncated());
  cli = cliImport(cliDir);
}, 180_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  if (cliDir) rmSync(cliDir, { recursive: true, force: true });
});

/** A real đề mục file cut in the middle of its gzip stream. */
function truncated(): Buffer {
  const whole = readFileSync(headingFiles[headingFiles.length - 1]?.path as string);
  return whole.subarray(0, Math.floor(whole.length / 2));
}

it('answers 404 problem+json for an unknown import, and 401 without an identity', async () => {
  const res = await api('/v1/codification/imports/no-such-import');
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(((await res.json()) as { type: string }).type).toBe('/problems/not-found');
  const anonymous = await fetch(`${base}/v1/codification/imports/no-such-import`);
  expect(anonymous.status).toBe(401);
});

describe('an export of 10 đề mục plus a truncated file', () => {
  const id = 'phapdien-2026-11';
  const prefix = `imports/phapdien/${id}/`;
  let firstDelivery: ImportMessage | undefined;

  it('is split into one message per đề mục file after POST /v1/codification/imports', async () => {
    expect(headingFiles).toHaveLength(10);
    await upload(`${prefix}tree.json`, readFileSync(TREE));
    for (const f of headingFiles) await upload(`${prefix}demuc/${f.name}`, readFileSync(f.path));
    await upload(`${prefix}demuc/${BROKEN}`, truncated());

    const res = await api('/v1/codification/imports', { method: 'POST', body: JSON.stringify({ importId: id }) });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/v1/codification/imports/${id}`);
    const created = ImportResponse.parse(await res.json());
    expect(created).toMatchObject({ status: 'pending', prefix, requestedBy: 'reviewer-1', progress: { total: null, done: 0 } });
    const again = await api('/v1/codification/imports', { method: 'POST', body: JSON.stringify({ importId: id }) });
    expect(again.status).toBe(409);

    const split = imports.queue.take();
    expect(split).toEqual([{ kind: 'split', importId: id }]);
    const res2 = await splitter()(sqsEvent(split.map((m) => record(JSON.stringify(m)))));
    expect(res2.batchItemFailures).toEqual([]);

    const files = imports.queue.take();
    expect(files.map((m) => (m.kind === 'file' ? m.key : m.kind)).sort()).toEqual(
      [...headingFiles.map((f) => `${prefix}demuc/${f.name}`), `${prefix}demuc/${BROKEN}`].sort(),
    );
    const job = await getJob(id);
    expect(job.status).toBe('running');
    expect(job.progress).toMatchObject({ total: 11, done: 0, failed: 0, remaining: 11 });
    // tree.json was imported by the splitter: the chủ đề are named.
    expect(job.report).toBeNull();
    const treeTopics = parseTree(readFileSync(TREE, 'utf8')).topics;
    expect(treeTopics.length).toBeGreaterThan(30);
    expect(job.topics).toBe(treeTopics.length);
    const stored = await env.ports.codification.listTopics();
    for (const t of treeTopics) expect(stored.find((x) => x.number === t.number)?.title).toBe(t.title);

    // Deliver in a shuffled order, four per batch as the event source does, one message twice.
    const order = shuffled(files, 7);
    firstDelivery = order[3];
    const deliveries = [...order.slice(0, 6), order[3] as ImportMessage, ...order.slice(6)];
    for (let i = 0; i < deliveries.length; i += 4) {
      const batch = deliveries.slice(i, i + 4).map((m) => record(JSON.stringify(m)));
      expect((await worker()(sqsEvent(batch))).batchItemFailures).toEqual([]);
      const progress = (await getJob(id)).progress;
      expect(progress.done + progress.failed).toBe(Math.min(11, new Set(deliveries.slice(0, i + 4).map((m) => JSON.stringify(m))).size));
    }
  }, 180_000);

  it('completes with a report whose counts match the CLI importer, the truncated file named with its reason', async () => {
    const job = await getJob(id);
    expect(job.status).toBe('complete');
    expect(job.completedAt).not.toBeNull();
    expect(job.progress).toEqual({ total: 11, done: 10, failed: 1, remaining: 0, percent: 100 });
    const report = job.report;
    if (!report) throw new Error('no report');
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]?.file).toBe(`demuc/${BROKEN}`);
    expect(report.failures[0]?.reason).toMatch(/gzip/i);
    expect(report.files).toBe(11);
    expect(report.topics).toBe(parseTree(readFileSync(TREE, 'utf8')).topics.length);

    // The CLI refuses the same file and imports the same headings with the same article counts.
    expect(cli.failed.map((f) => f.file.split('/').at(-1))).toEqual([BROKEN]);
    expect(cli.reports).toHaveLength(10);
    const cliArticles = cli.reports.reduce((n, r) => n + r.articles, 0);
    expect(cliArticles).toBeGreaterThan(100);
    // Both started from an empty store: the same totals, field by field.
    expect(report.totals).toEqual({
      headings: cli.headings,
      articles: cli.articles,
      added: cli.added,
      removed: cli.removed,
      changed: cli.changed,
      unchanged: cli.unchanged,
      unwritten: cli.unwritten,
      diagnostics: cli.diagnostics,
    });
    expect(report.totals).toMatchObject({ headings: 10, articles: cliArticles, added: cliArticles, removed: 0, changed: 0 });
    expect(job.totals).toEqual(report.totals);
    for (const r of cli.reports) {
      const stored = await env.ports.codification.getHeading(r.headingId);
      const articles = await env.ports.codification.listArticles(r.headingId);
      expect({ heading: r.headingId, articles: articles.length, count: stored?.articleCount }).toEqual({
        heading: r.headingId,
        articles: r.articles,
        count: r.articles,
      });
    }
  });

  it('changes nothing when a message is delivered again after completion', async () => {
    const before = await getJob(id);
    const message = firstDelivery as ImportMessage & { kind: 'file' };
    const file = message.key.slice(prefix.length);
    const headingId = (await imports.jobs.listFiles(id)).find((f) => f.file === file)?.headingId as string;
    const heading = await env.ports.codification.getHeading(headingId);
    expect((await worker()(sqsEvent([record(JSON.stringify(message), 2)]))).batchItemFailures).toEqual([]);
    expect(await getJob(id)).toEqual(before);
    expect(await env.ports.codification.getHeading(headingId)).toEqual(heading);
    // And a second split message (a redelivered one) sends nothing for a completed job.
    expect((await splitter()(sqsEvent([record(JSON.stringify({ kind: 'split', importId: id }), 2)]))).batchItemFailures).toEqual([]);
    expect(imports.queue.take()).toEqual([]);
  });
});

it('reports only the message whose import failed in batchItemFailures; its redelivery completes the job', async () => {
  const id = 'phapdien-retry';
  const prefix = `imports/phapdien/${id}/`;
  const [a, b] = headingFiles.filter((f) => !f.name.startsWith('4872') && !f.name.startsWith('ecc7'));
  if (!a || !b) throw new Error('fixtures missing');
  await upload(`${prefix}demuc/${a.name}`, readFileSync(a.path));
  await upload(`${prefix}demuc/${b.name}`, readFileSync(b.path));
  expect((await api('/v1/codification/imports', { method: 'POST', body: JSON.stringify({ importId: id }) })).status).toBe(202);
  await splitter()(sqsEvent(imports.queue.take().map((m) => record(JSON.stringify(m)))));
  const messages = imports.queue.take();
  expect(messages).toHaveLength(2);

  // DynamoDB throttles reads of b's heading: that message fails, a's goes through, a malformed body is dropped.
  const bHeading = readFileSync(b.path);
  const bId = /Đề mục\s+(\d+\.\d+)/.exec(decodeExportFile(bHeading))?.[1];
  const throttled: Ports = {
    ...env.ports,
    codification: {
      ...env.ports.codification,
      putTopics: (t) => env.ports.codification.putTopics(t),
      replaceHeading: (h, arts) => env.ports.codification.replaceHeading(h, arts),
      getHeading: async (hid) => {
        if (hid === bId) throw Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' });
        return env.ports.codification.getHeading(hid);
      },
      listArticles: (hid) => env.ports.codification.listArticles(hid),
      getArticles: (code) => env.ports.codification.getArticles(code),
      listTopics: () => env.ports.codification.listTopics(),
      findBySource: (d, n) => env.ports.codification.findBySource(d, n),
    },
  };
  const records = [...messages.map((m) => record(JSON.stringify(m))), record('{"kind":"file"')];
  const failedId = records.find((r) => r.body.includes(b.name))?.messageId;
  const res = await worker({ ...ctx, ports: async () => throttled })(sqsEvent(records));
  expect(res.batchItemFailures).toEqual([{ itemIdentifier: failedId }]);
  const mid = await getJob(id);
  expect(mid.status).toBe('running');
  expect(mid.progress).toMatchObject({ total: 2, done: 1, failed: 0, remaining: 1 });

  // SQS hands the failed message back: with DynamoDB healthy again the job completes (both headings already
  // imported by the first job, so nothing is written).
  const retry = records.find((r) => r.messageId === failedId) as SQSRecord;
  expect((await worker()(sqsEvent([{ ...retry, attributes: { ...retry.attributes, ApproximateReceiveCount: '2' } }]))).batchItemFailures).toEqual([]);
  const done = await getJob(id);
  expect(done.status).toBe('complete');
  expect(done.report?.totals).toMatchObject({ headings: 2, added: 0, changed: 0, removed: 0, unwritten: 2 });
  expect(done.report?.failures).toEqual([]);
});
