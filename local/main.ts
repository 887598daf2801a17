/**
 * `npm start`: the local runtime on the embedded default. CSDL_DATA chooses the data folder (default .data),
 * PORT the port (default 3000), RATE_LIMIT_RPS / RATE_LIMIT_BURST the per-client limit (default 50 / 100; 0: none),
 * REQUEST_TIMEOUT_MS / HEADERS_TIMEOUT_MS how long a client may take to send a request (default 15,000 / 10,000: 408),
 * BULK_EVERY_MS how soon after a change the bulk dump is written again (default 300,000).
 * An empty store is filled with the sample corpus first.
 */
import type { AppContext } from '../functions/_shared/http';
import { createLogger } from '../functions/_shared/logger';
import { buildHandlers } from './handlers';
import { loadSampleCorpus } from './sample';
import { createLocalServer, rateLimitFromEnv } from './server';
import { devSecret, verifyDevToken } from './devtoken';
import { drainOutbox, INDEXER, startStream } from './stream';
import { localImportPorts, openEmbedded } from './wiring';
import { vietnamDate } from '../domain/dates';
import { refreshWorks } from '../domain/services/changes';
import { sweepStatuses } from '../domain/services/status';
import { msUntilNext0005Ict } from './schedule';
import { exportBulk } from '../domain/services/bulk';

async function main(): Promise<void> {
  const dataDir = process.env.CSDL_DATA ?? '.data';
  const port = Number(process.env.PORT ?? '3000');
  const host = process.env.HOST ?? '127.0.0.1';
  process.env.LOG_LEVEL ??= 'WARN';
  // API Gateway throttles the HTTP API on AWS; locally a token bucket per client does (RATE_LIMIT_RPS=0: none).
  const rateLimit = rateLimitFromEnv(process.env);
  const embedded = openEmbedded(dataDir);
  const logger = createLogger('local');

  const first = await embedded.ports.works.list({ limit: 1 });
  if (first.items.length === 0) {
    const loaded = await loadSampleCorpus(embedded.ports);
    await drainOutbox(embedded);
    console.log(`Loaded the sample corpus: ${loaded.length} documents into ${embedded.dataDir}`);
  }

  const stream = startStream(embedded, (e) => logger.error('Local stream failed', { error: e as Error }));
  // The daily status sweep, as EventBridge runs it on AWS: once now (catching up on every date passed), then at 00:05
  // Asia/Ho_Chi_Minh each day.
  const sweep = async (since: string | null) => {
    try {
      await drainOutbox(embedded);
      const today = vietnamDate(new Date());
      const refreshed = await sweepStatuses(embedded.ports, today, since, (ids) => refreshWorks(embedded.ports, ids));
      logger.info('Status sweep', { today, refreshed: refreshed.length });
    } catch (e) {
      logger.error('Status sweep failed', { error: e as Error });
    }
  };
  await sweep(null);
  const scheduleSweep = () => {
    const timer = setTimeout(async () => {
      await sweep(vietnamDate(new Date(Date.now() - 2 * 86_400_000)));
      scheduleSweep();
    }, msUntilNext0005Ict(Date.now()));
    timer.unref();
  };
  scheduleSweep();
  // The bulk dump (GET /v1/bulk) under the data folder: written in the background now, then again within
  // BULK_EVERY_MS (default 5 minutes; 0: only at start) of a change.
  const bulkEvery = Number(process.env.BULK_EVERY_MS ?? 300_000);
  let dumpedAt = -1;
  const dump = async () => {
    const offset = embedded.outbox.offset(INDEXER);
    if (offset === dumpedAt) return;
    try {
      const m = await exportBulk(embedded.ports, { at: vietnamDate(new Date()) });
      dumpedAt = offset;
      logger.info('Bulk dump', { documents: m.documents, files: m.files.length });
    } catch (e) {
      logger.error('Bulk dump failed', { error: e as Error });
    }
  };
  void dump();
  if (bulkEvery > 0) setInterval(dump, bulkEvery).unref();
  const secret = devSecret(embedded.dataDir);
  const imports = localImportPorts(embedded, (message, error) => logger.error('Import message failed', { message, error: error as Error }));
  const ctx: AppContext = {
    ports: async () => embedded.ports,
    logger,
    storeName: 'sqlite',
    imports: async () => imports,
  };
  const handlers = buildHandlers(ctx);
  const server = createLocalServer({
    handlers,
    rateLimit,
    verifyToken: (t) => verifyDevToken(secret, t),
    onRequest: (method, _path, status) => {
      if (method !== 'GET' && status < 400) void stream.poke();
    },
  });
  server.listen(port, host, () => {
    const addr = server.address();
    const actual = typeof addr === 'object' && addr ? addr.port : port;
    // Started on port 0 (tests): absolute links (feeds, a subscription's feed) name the port chosen, not 0.
    if (port === 0 && !process.env.PUBLIC_BASE_URL) ctx.publicBaseUrl = `http://${host}:${actual}`;
    console.log(`CSDLQG pháp luật is running at http://${host}:${actual}/  (API: /v1, OpenAPI: /openapi.json, data: ${embedded.dataDir})`);
    console.log(`Editor token for writes: npm run --silent csdl -- token --role editor --data ${dataDir}`);
  });
  const shutdown = () => {
    stream.stop();
    server.close(() => {
      embedded.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e) => {
  console.error(`csdl: could not start: ${(e as Error).message}`);
  process.exit(1);
});
