/** Handler-level behaviour that needs a failing backing service: transient failures answer 503, bad originals are skipped. */
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { create as createGet } from '../../functions/documents-get/app';
import { create as createIndexer } from '../../functions/indexer/app';
import type { AppContext, HttpEvent } from '../../functions/_shared/http';
import { createLogger } from '../../functions/_shared/logger';
import type { Ports } from '../../domain/ports';
import { tempEmbedded } from '../support/embedded';
import { makeWork } from '../support/fixtures';

process.env.LOG_LEVEL = 'CRITICAL';
const context = { awsRequestId: 'req-1' } as Context;
const event = (id: string): HttpEvent =>
  ({
    version: '2.0',
    rawPath: `/v1/documents/${id}`,
    headers: {},
    pathParameters: { id },
    requestContext: { http: { method: 'GET', path: '/' }, requestId: 'r' },
  }) as unknown as HttpEvent;
const ctxWith = (ports: Ports): AppContext => ({ ports: async () => ports, logger: createLogger('test'), storeName: 'test' });

describe('a backing service that is throttled or unreachable', () => {
  it.each([
    ['DynamoDB throttling', Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client', $retryable: { throttling: true } })],
    ['a 5xx from AWS', Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $fault: 'server' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
  ])('%s answers 503 with Retry-After, not 500', async (_what, error) => {
    const { ports } = tempEmbedded();
    const failing: Ports = {
      ...ports,
      works: { ...ports.works, get: async () => Promise.reject(error), findByReferenceKey: async () => Promise.reject(error) },
    };
    const res = await createGet(ctxWith(failing))(event('59-2020-QH14'), context);
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('5');
    expect(JSON.parse(res.body as string)).toMatchObject({ type: '/problems/dependency-unavailable', requestId: 'req-1' });
  });

  it('an unexpected error answers 500 with only the request id', async () => {
    const { ports } = tempEmbedded();
    const failing: Ports = { ...ports, works: { ...ports.works, get: async () => Promise.reject(new TypeError('secret detail')) } };
    const res = await createGet(ctxWith(failing))(event('59-2020-QH14'), context);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret detail');
    expect(JSON.parse(res.body as string)).toMatchObject({ type: '/problems/internal', requestId: 'req-1' });
  });
});

describe('indexer', () => {
  const record = (id: string, seq: string) => ({
    eventName: 'INSERT',
    dynamodb: { Keys: { pk: { S: `WORK#${id}` }, sk: { S: 'META' } }, SequenceNumber: seq },
  });

  it('skips a work whose stored original cannot be read (no endless retries) and indexes the rest', async () => {
    const { ports } = tempEmbedded();
    const bad = makeWork({ id: 'bad-1' });
    await ports.blobs.put(bad.sources[0]!.blobKey, Buffer.from('%PDF-1.7'), 'application/pdf');
    await ports.works.save(bad, 0);
    const good = makeWork({ id: 'good-1', title: 'Thông tư về hộ chiếu' });
    await ports.blobs.put(good.sources[0]!.blobKey, Buffer.from('Số: 1/2024/TT-BTEST\nĐiều 1. Hộ chiếu phổ thông'), 'text/plain');
    await ports.works.save(good, 0);
    const indexer = createIndexer(ctxWith(ports)) as unknown as (e: DynamoDBStreamEvent) => Promise<{ batchItemFailures: unknown[] }>;
    const res = await indexer({ Records: [record('bad-1', '1'), record('good-1', '2')] } as unknown as DynamoDBStreamEvent);
    expect(res.batchItemFailures).toEqual([]);
    expect((await ports.search.search({ q: 'ho chieu', limit: 5, offset: 0 })).hits.map((h) => h.id)).toEqual(['good-1']);
  });

  it('reports the record when the original is missing (a transient state: retried, then the DLQ)', async () => {
    const { ports } = tempEmbedded();
    await ports.works.save(makeWork({ id: 'orphan-1' }), 0);
    const indexer = createIndexer(ctxWith(ports)) as unknown as (e: DynamoDBStreamEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
    const res = await indexer({ Records: [record('orphan-1', '7')] } as unknown as DynamoDBStreamEvent);
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: '7' }]);
  });
});
