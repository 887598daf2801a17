/**
 * The same handlers as on Lambda, on real engines: DynamoDB Local (transactions and the stream), the S3-compatible
 * server and OpenSearch. Requests go through the local runtime's event translation; the indexer runs on records
 * read from the real DynamoDB stream.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { create as createIndexer } from '../../functions/indexer/app';
import type { AppContext } from '../../functions/_shared/http';
import { createLogger } from '../../functions/_shared/logger';
import { signDevToken, verifyDevToken } from '../../local/devtoken';
import { buildHandlers } from '../../local/handlers';
import { createLocalServer } from '../../local/server';
import type { Ports } from '../../domain/ports';
import { CreateDocumentResponse, ListDocumentsResponse } from '../../schemas/documents';
import { SearchResponse } from '../../schemas/search';
import { awsTestEnvironment } from '../support/aws';
import { sampleFile } from '../support/fixtures';
import { StreamPump } from '../support/stream';

const secret = new TextEncoder().encode('integration-test-secret');
let env: Awaited<ReturnType<typeof awsTestEnvironment>>;
let server: Server;
let base: string;
let editor: string;
let pump: StreamPump;
let ctx: AppContext;

const indexer = (ports?: Ports) =>
  createIndexer({ ...ctx, ports: async () => ports ?? env.ports }) as unknown as (
    e: DynamoDBStreamEvent,
  ) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'ERROR';
  env = await awsTestEnvironment();
  ctx = { ports: async () => env.ports, logger: createLogger('integration'), storeName: 'dynamodb' };
  server = createLocalServer({ handlers: buildHandlers(ctx), verifyToken: (t) => verifyDevToken(secret, t) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  editor = await signDevToken(secret, 'editor-1', ['editor']);
  pump = new StreamPump(env.clients.dynamodb, env.config.TABLE_NAME, process.env.CSDL_TEST_DYNAMODB_ENDPOINT as string);
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

const ingest = (fileName: string, bytes: Buffer) =>
  fetch(`${base}/v1/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
    body: JSON.stringify({ fileName, content: bytes.toString('base64'), encoding: 'base64' }),
  });

it('stores documents in DynamoDB and S3 and reads them back by id, number and list', async () => {
  for (const f of ['09-2022-TT-BLDTBXH.txt', '02-2023-TT-BLDTBXH.txt', '51-2025-NQ-HDND-HaNoi.txt']) {
    const res = await ingest(f, sampleFile(f));
    expect(res.status).toBe(201);
    CreateDocumentResponse.parse(await res.json());
  }
  const byNumber = await fetch(`${base}/v1/documents/${encodeURIComponent('02/2023/TT-BLĐTBXH')}`);
  expect(((await byNumber.json()) as { id: string }).id).toBe('02-2023-TT-BLDTBXH');
  const page1 = ListDocumentsResponse.parse(await (await fetch(`${base}/v1/documents?limit=2`)).json());
  const page2 = ListDocumentsResponse.parse(await (await fetch(`${base}/v1/documents?limit=2&cursor=${page1.nextCursor}`)).json());
  expect([...page1.items, ...page2.items].map((d) => d.id)).toEqual(['02-2023-TT-BLDTBXH', '09-2022-TT-BLDTBXH', '51-2025-NQ-HDND-HaNoi']);
  const original = await env.ports.blobs.get(page1.items[0]!.sources[0]!.blobKey);
  expect(Buffer.from(original ?? []).equals(sampleFile('02-2023-TT-BLDTBXH.txt'))).toBe(true);
});

it('indexes from the real DynamoDB stream into OpenSearch and searches without diacritics', async () => {
  const { records, failures } = await pump.pump(indexer());
  expect(records).toBeGreaterThanOrEqual(3);
  expect(failures).toEqual([]);
  const res = SearchResponse.parse(await (await fetch(`${base}/v1/search?q=${encodeURIComponent('nhan vien chan nuoi thu y')}`)).json());
  expect(res.hits![0]?.documentId).toBe('51-2025-NQ-HDND-HaNoi');
  expect(res.hits![0]?.snippet).toMatch(/chăn nuôi/i);
});

it('is idempotent: the same file again is "unchanged" and a replayed stream batch changes nothing', async () => {
  const res = await ingest('again.txt', sampleFile('09-2022-TT-BLDTBXH.txt'));
  expect(res.status).toBe(200);
  expect(CreateDocumentResponse.parse(await res.json()).outcome).toBe('unchanged');
  const search = async () => SearchResponse.parse(await (await fetch(`${base}/v1/search?q=da%20dang%20hoa%20sinh%20ke&limit=100`)).json());
  const before = await search();
  const replay = new StreamPump(env.clients.dynamodb, env.config.TABLE_NAME, process.env.CSDL_TEST_DYNAMODB_ENDPOINT as string);
  expect((await replay.pump(indexer())).failures).toEqual([]);
  const after = await search();
  expect(after.total).toBe(before.total);
  expect(after.hits!.filter((h) => h.documentId === '09-2022-TT-BLDTBXH' && h.kind === 'document')).toHaveLength(1);
  expect(after.hits!.some((h) => h.citation === 'Điều 1, khoản 1')).toBe(true);
});

it('loses no rendition when eight arrive at once (DynamoDB transactions with optimistic locking)', async () => {
  const base38 = sampleFile('38-2022-ND-CP.txt');
  const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => ingest(`r${i}.txt`, Buffer.concat([base38, Buffer.from(`\n(bản ${i})\n`)]))));
  const outcomes = await Promise.all(responses.map(async (r) => CreateDocumentResponse.parse(await r.json()).outcome));
  expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
  expect(outcomes.filter((o) => o === 'source_added')).toHaveLength(7);
  const work = await env.ports.works.get('38-2022-ND-CP');
  expect(work?.sources).toHaveLength(8);
  expect(work?.version).toBe(8);
});

it('reports the first record that failed to index, so Lambda retries from there', async () => {
  await ingest('84-2015-QH13.txt', sampleFile('84-2015-QH13.txt'));
  let calls = 0;
  const flaky: Ports = {
    ...env.ports,
    search: {
      ...env.ports.search,
      ensureReady: () => env.ports.search.ensureReady(),
      removeWork: (id) => env.ports.search.removeWork(id),
      search: (q) => env.ports.search.search(q),
      upsert: async (entries) => {
        calls++;
        if (entries.some((e) => e.workId === '84-2015-QH13')) throw new Error('OpenSearch unavailable');
        return env.ports.search.upsert(entries);
      },
    },
  };
  const first = await pump.pump(indexer(flaky));
  expect(calls).toBeGreaterThan(0);
  expect(first.failures).toHaveLength(1);
  // The retry (same records, healthy index) succeeds; nothing was lost.
  const retry = new StreamPump(env.clients.dynamodb, env.config.TABLE_NAME, process.env.CSDL_TEST_DYNAMODB_ENDPOINT as string);
  expect((await retry.pump(indexer())).failures).toEqual([]);
  const res = SearchResponse.parse(await (await fetch(`${base}/v1/search?q=an%20toan%20ve%20sinh%20lao%20dong`)).json());
  expect(res.hits!.map((h) => h.documentId)).toContain('84-2015-QH13');
});
