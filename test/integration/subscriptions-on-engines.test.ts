/**
 * Subscriptions on the AWS adapters and real engines (issue 21, docs/adr/0022): the API's handlers on DynamoDB Local,
 * the S3-compatible server and OpenSearch; the history written by the indexer from the real DynamoDB stream; the
 * notifier function's own handler (as EventBridge Scheduler invokes it) matching and sending. The webhook goes to a
 * receiver on loopback, so the sender here allows loopback (refusing it on AWS is test/unit/subscriptions). On AWS a
 * change reaches its subscriber after the feed's settling time (10 s) and within the next minute's run.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { DynamoHistoryRepository, SETTLE_MS } from '../../adapters/dynamodb/history-repository';
import { HttpWebhookSender } from '../../adapters/webhook/http-sender';
import type { Ports } from '../../domain/ports';
import { SIGNATURE_HEADER, verifySignature } from '../../domain/subscriptions/signature';
import type { AppContext } from '../../functions/_shared/http';
import { createLogger } from '../../functions/_shared/logger';
import { create as createIndexer } from '../../functions/indexer/app';
import { create as createNotifier } from '../../functions/notifier/app';
import { signDevToken, verifyDevToken } from '../../local/devtoken';
import { buildHandlers } from '../../local/handlers';
import { createLocalServer } from '../../local/server';
import { CreateSubscriptionResponse, SubscriptionDetailResponse } from '../../schemas/subscriptions';
import { awsTestEnvironment } from '../support/aws';
import { sampleFile } from '../support/fixtures';
import { StreamPump } from '../support/stream';
import { WebhookReceiver } from '../support/webhook-receiver';

const secret = new TextEncoder().encode('integration-test-secret');
let env: Awaited<ReturnType<typeof awsTestEnvironment>>;
let ports: Ports;
let ctx: AppContext;
let server: Server;
let base: string;
let pump: StreamPump;
const receiver = new WebhookReceiver();

const indexer = () => createIndexer(ctx) as unknown as (e: DynamoDBStreamEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
/**
 * The notifier as Scheduler runs it. The feed on DynamoDB hands out events once they are SETTLE_MS old (so a cursor
 * never skips one stamped earlier by another writer); its clock here runs that far ahead instead of the test waiting.
 */
const notify = () =>
  (
    createNotifier({
      ...ctx,
      ports: async () => ({
        ...ports,
        history: new DynamoHistoryRepository(env.clients.dynamodb, env.config.TABLE_NAME, () => new Date(Date.now() + SETTLE_MS + 1000)),
      }),
    }) as unknown as (e: unknown, c: Context) => Promise<{ events: number; enqueued: number; sent: number; failed: number }>
  )({}, {} as Context);

beforeAll(async () => {
  process.env.LOG_LEVEL = 'ERROR';
  env = await awsTestEnvironment();
  ports = { ...env.ports, webhooks: new HttpWebhookSender({ allowLoopback: true }) };
  ctx = { ports: async () => ports, logger: createLogger('integration'), storeName: 'dynamodb' };
  server = createLocalServer({ handlers: buildHandlers(ctx), verifyToken: (t) => verifyDevToken(secret, t) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pump = new StreamPump(env.clients.dynamodb, env.config.TABLE_NAME, process.env.CSDL_TEST_DYNAMODB_ENDPOINT as string);
  await receiver.up();
}, 120_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await receiver.down();
});

const ingest = async (f: string) => {
  const editor = await signDevToken(secret, 'editor-1', ['editor']);
  const res = await fetch(`${base}/v1/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
    body: JSON.stringify({ fileName: f, content: sampleFile(f).toString('base64'), encoding: 'base64' }),
  });
  expect(res.status).toBe(201);
  const { failures } = await pump.pump(indexer());
  expect(failures).toEqual([]);
};

it('tells the unit subscriber of the amendment once, signed, through the notifier function on DynamoDB and OpenSearch', async () => {
  await ingest('09-2022-TT-BLDTBXH.txt');
  // What was recorded before the subscription is not delivered to it: the notifier's cursor starts past it.
  expect((await notify()).enqueued).toBe(0);
  const me = await signDevToken(secret, 'citizen-1', []);
  const created = await fetch(`${base}/v1/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${me}` },
    body: JSON.stringify({ target: { kind: 'unit', workId: '09/2022/TT-BLĐTBXH', eId: 'art_1__para_1' }, webhookUrl: receiver.url }),
  });
  expect(created.status).toBe(201);
  const sub = CreateSubscriptionResponse.parse(await created.json());

  await ingest('02-2023-TT-BLDTBXH.txt');
  const run = await notify();
  expect(run.sent).toBeGreaterThanOrEqual(1);
  expect(run.failed).toBe(0);
  const unitChanges = receiver.notifications().filter((n) => n.unit);
  expect(unitChanges.map((n) => n.unit?.message)).toEqual(['Khoản 1 Điều 1 của 09/2022/TT-BLĐTBXH thay đổi từ ngày 01/06/2023 theo 02/2023/TT-BLĐTBXH']);
  const got = receiver.got.find((g) => g.body.includes('"unit"'));
  expect(verifySignature(sub.secret, got?.body ?? '', String(got?.headers[SIGNATURE_HEADER]), new Date())).toBe(true);

  // Run again: nothing new, nothing sent twice.
  const seen = receiver.got.length;
  expect(await notify()).toMatchObject({ enqueued: 0, sent: 0 });
  expect(receiver.got.length).toBe(seen);
  const ids = receiver.notifications().map((n) => n.id);
  expect(new Set(ids).size).toBe(ids.length);
  const detail = SubscriptionDetailResponse.parse(
    await (await fetch(`${base}/v1/subscriptions/${sub.subscription.id}`, { headers: { authorization: `Bearer ${me}` } })).json(),
  );
  expect(detail.deliveries.map((d) => d.state)).toEqual(detail.deliveries.map(() => 'delivered'));
  expect(detail.deliveries.map((d) => d.id).sort()).toEqual([...ids].sort());
}, 120_000);
