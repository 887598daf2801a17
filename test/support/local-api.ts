/** The local runtime in-process on a free port, on a temporary embedded store. */
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../../functions/_shared/http';
import { createLogger } from '../../functions/_shared/logger';
import { devSecret, signDevToken, verifyDevToken } from '../../local/devtoken';
import { buildHandlers } from '../../local/handlers';
import { createLocalServer } from '../../local/server';
import { CreateDocumentResponse } from '../../schemas/documents';
import { drainOutbox, startStream } from '../../local/stream';
import { tempEmbedded } from './embedded';

/**
 * `stream: true` runs the stream as `npm start` does (local/main.ts): the outbox drained and subscribers notified
 * when a write succeeds and every `streamIntervalMs`.
 */
export async function startLocalApi(options: { stream?: boolean; streamIntervalMs?: number } = {}) {
  process.env.LOG_LEVEL = 'ERROR';
  const embedded = tempEmbedded();
  const secret = devSecret(embedded.dataDir);
  const ctx: AppContext = { ports: async () => embedded.ports, logger: createLogger('test'), storeName: 'sqlite' };
  const streamErrors: unknown[] = [];
  const stream = options.stream ? startStream(embedded, (e) => streamErrors.push(e), options.streamIntervalMs ?? 2000) : null;
  const server = createLocalServer({
    handlers: buildHandlers(ctx),
    verifyToken: (t) => verifyDevToken(secret, t),
    ...(stream
      ? {
          onRequest: (method: string, _path: string, status: number) => {
            if (method !== 'GET' && status < 400) void stream.poke();
          },
        }
      : {}),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ctx.publicBaseUrl = base; // the port is known only now: what `npm start` derives from PORT
  const token = (roles: string[]) => signDevToken(secret, `user-${roles.join('-') || 'reader'}`, roles);
  return {
    base,
    embedded,
    token,
    /** POST /v1/documents as an editor (the bytes base64-encoded, as received); expects 200 or 201, returns the answer. */
    ingest: async (fileName: string, bytes: Uint8Array) => {
      const res = await fetch(`${base}/v1/documents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(['editor'])}` },
        body: JSON.stringify({ fileName, content: Buffer.from(bytes).toString('base64'), encoding: 'base64' }),
      });
      if (res.status !== 200 && res.status !== 201) throw new Error(`ingest ${fileName}: ${res.status} ${await res.text()}`);
      return CreateDocumentResponse.parse(await res.json());
    },
    index: () => drainOutbox(embedded),
    /** What the stream (with `stream: true`) failed with: a test expects none. */
    streamErrors,
    close: async () => {
      // The stream stops, then its last pass (if one runs) ends before the store closes.
      stream?.stop();
      await stream?.poke();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      embedded.close();
    },
  };
}
