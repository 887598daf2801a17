/**
 * The serverless Bộ pháp điển import (docs/adr/0010) on the embedded default: jobs in SQLite, the export under
 * `<data>/blobs/imports/phapdien/<id>/`, the in-process queue in place of SQS, the same POST/GET handlers.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import type { HttpEvent } from '../../functions/_shared/http';
import { createLogger } from '../../functions/_shared/logger';
import { buildHandlers } from '../../local/handlers';
import { localImportPorts } from '../../local/wiring';
import { ImportResponse } from '../../schemas/codification-imports';
import { decodeExportFile } from '../../domain/services/codification-import';
import { tempEmbedded } from '../support/embedded';

process.env.LOG_LEVEL = 'CRITICAL';
const FIXTURES = resolve(__dirname, '../fixtures/phapdien');
const context = { awsRequestId: 'req-1' } as Context;
const event = (method: 'GET' | 'POST', path: string, over: Partial<HttpEvent> = {}): HttpEvent =>
  ({
    version: '2.0',
    rawPath: path,
    headers: { 'content-type': 'application/json' },
    requestContext: { http: { method, path }, requestId: 'r', authorizer: { jwt: { claims: { sub: 'rv-1', 'cognito:groups': ['reviewer'] } } } },
    ...over,
  }) as unknown as HttpEvent;

it('imports an export uploaded to the data folder, in process, and reports progress, counts and the bad file', async () => {
  const embedded = tempEmbedded();
  const errors: unknown[] = [];
  const imports = localImportPorts(embedded, (_m, e) => errors.push(e));
  const handlers = buildHandlers({ ports: async () => embedded.ports, logger: createLogger('test'), storeName: 'sqlite', imports: async () => imports });

  const folder = join(embedded.dataDir, 'blobs', 'imports', 'phapdien', 'local-1', 'demuc');
  mkdirSync(folder, { recursive: true });
  const names = readdirSync(FIXTURES).sort();
  for (const n of names) copyFileSync(join(FIXTURES, n), join(folder, n));
  writeFileSync(join(folder, 'not-a-heading.html'), '<html><body>Trang này không có đề mục nào</body></html>');

  const missing = await handlers['codification-imports-get'](event('GET', '/v1/codification/imports/local-1', { pathParameters: { id: 'local-1' } }), context);
  expect(missing.statusCode).toBe(404);
  const editorOnly = await handlers['codification-imports-create'](
    event('POST', '/v1/codification/imports', {
      body: JSON.stringify({ importId: 'local-1' }),
      requestContext: { http: { method: 'POST', path: '/' }, requestId: 'r', authorizer: { jwt: { claims: { sub: 'ed-1', 'cognito:groups': ['editor'] } } } },
    } as unknown as Partial<HttpEvent>),
    context,
  );
  expect(editorOnly.statusCode).toBe(403);

  const started = await handlers['codification-imports-create'](
    event('POST', '/v1/codification/imports', { body: JSON.stringify({ importId: 'local-1' }) }),
    context,
  );
  expect(started.statusCode).toBe(202);
  await imports.queue.idle();
  expect(errors).toEqual([]);

  const res = await handlers['codification-imports-get'](event('GET', '/v1/codification/imports/local-1', { pathParameters: { id: 'local-1' } }), context);
  const job = ImportResponse.parse(JSON.parse(res.body as string));
  expect(job.status).toBe('complete');
  expect(job.progress).toEqual({ total: names.length + 1, done: names.length, failed: 1, remaining: 0, percent: 100 });
  expect(job.report?.failures).toEqual([{ file: 'demuc/not-a-heading.html', reason: expect.stringMatching(/not a đề mục file/) }]);

  let articles = 0;
  for (const n of names) {
    const id = /Đề mục\s+(\d+\.\d+)/.exec(decodeExportFile(readFileSync(join(FIXTURES, n))))?.[1] as string;
    const stored = await embedded.ports.codification.listArticles(id);
    expect(stored.length).toBeGreaterThan(0);
    articles += stored.length;
  }
  expect(job.report?.totals).toMatchObject({ headings: names.length, articles, added: articles, unwritten: 0 });
  // The codified articles are searchable right away (importHeading indexes them).
  expect((await embedded.ports.search.search({ q: 'điều', limit: 1, offset: 0, scope: 'codification' })).total).toBeGreaterThan(0);

  // The same export again under a new id: every heading is already up to date, nothing is written.
  const again = join(embedded.dataDir, 'blobs', 'imports', 'phapdien', 'local-2', 'demuc');
  mkdirSync(again, { recursive: true });
  for (const n of names) copyFileSync(join(FIXTURES, n), join(again, n));
  await handlers['codification-imports-create'](event('POST', '/v1/codification/imports', { body: JSON.stringify({ importId: 'local-2' }) }), context);
  await imports.queue.idle();
  const second = ImportResponse.parse(
    JSON.parse(
      (await handlers['codification-imports-get'](event('GET', '/v1/codification/imports/local-2', { pathParameters: { id: 'local-2' } }), context))
        .body as string,
    ),
  );
  expect(second.report?.totals).toMatchObject({ headings: names.length, articles, added: 0, changed: 0, removed: 0, unwritten: names.length });
  embedded.close();
});
