/**
 * Tools for assistants (issue 21) on the local store: the MCP server of functions/_shared/mcp-server.ts (the one the
 * API serves at `POST /mcp`), each call run after what another process stored is indexed, one at a time per store.
 *
 * `csdl mcp --data DIR` serves it on stdio (`serveMcpStdio`): stdout carries protocol messages only, logs go to
 * stderr. `csdl mcp --http` serves the same tools over streamable HTTP (`serveMcpHttp`, stateless, 127.0.0.1 by
 * default).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpServer as createPortsMcpServer, type McpOptions } from '../functions/_shared/mcp-server';
import { drainOutbox } from './stream';
import { type Embedded, openEmbedded } from './wiring';

export { MCP_LIMITS, MCP_SERVER_NAME, type McpOptions } from '../functions/_shared/mcp-server';

/** The calls waiting on each store, in order. */
const queues = new WeakMap<Embedded, Promise<unknown>>();

/** The MCP server over an open embedded store: one call at a time per store, after indexing what is pending. */
export function createMcpServer(embedded: Embedded, options: McpOptions = {}): McpServer {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const serialize = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = (queues.get(embedded) ?? Promise.resolve()).then(async () => {
      try {
        // What another process stored since (a CLI ingest) reaches the index first, as every CLI read does.
        await drainOutbox(embedded);
      } catch (e) {
        log(`csdl mcp: indexing pending changes failed (answers may miss them): ${(e as Error).message}`);
      }
      return fn();
    });
    queues.set(
      embedded,
      run.catch(() => undefined),
    );
    return run;
  };
  return createPortsMcpServer(embedded.ports, { ...options, log, serialize });
}

/** Opens the store, indexes what is pending, and serves until the client closes stdin (or SIGINT/SIGTERM). */
export async function serveMcpStdio(dataDir: string, options: McpOptions = {}): Promise<void> {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  // stdout is the protocol's: anything printed by mistake goes to stderr.
  console.log = console.error;
  console.info = console.error;
  const embedded = openEmbedded(dataDir);
  await drainOutbox(embedded);
  const server = createMcpServer(embedded, { ...options, log });
  const transport = new StdioServerTransport();
  await new Promise<void>((resolve) => {
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      // The calls already read from stdin are answered first (their handlers start within a turn), then the store
      // is closed.
      void new Promise((next) => setImmediate(next))
        .then(() => queues.get(embedded))
        .catch(() => undefined)
        .then(() => server.close())
        .catch(() => undefined)
        .finally(() => {
          embedded.close();
          resolve();
        });
    };
    transport.onclose = close;
    process.stdin.once('end', close);
    process.once('SIGINT', close);
    process.once('SIGTERM', close);
    server.connect(transport).then(
      () => log(`csdl mcp: serving ${embedded.dataDir} on stdio`),
      (e) => {
        log(`csdl mcp: ${(e as Error).message}`);
        close();
      },
    );
  });
}

/** Reads a request body up to a limit. */
async function bodyOf(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return size === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The same tools over streamable HTTP at `POST /mcp`, stateless (a server and a transport per request, no session),
 * on 127.0.0.1 by default; Host headers other than the listening address are refused (DNS rebinding). Resolves with
 * the address once listening, and a function that stops it.
 */
export async function serveMcpHttp(dataDir: string, options: McpOptions & { host?: string; port?: number } = {}) {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const host = options.host ?? '127.0.0.1';
  const embedded = openEmbedded(dataDir);
  await drainOutbox(embedded);
  const json = (res: ServerResponse, status: number, message: string) => {
    if (res.headersSent) return res.end();
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
  };
  let allowedHosts: string[] = [];
  const http = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/mcp') return json(res, 404, 'Not found: the MCP endpoint is /mcp');
    if (!allowedHosts.includes(req.headers.host ?? '')) return json(res, 403, 'Forbidden host');
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' });
      return res.end();
    }
    let body: unknown;
    try {
      body = await bodyOf(req, 1_000_000);
    } catch (e) {
      return json(res, 400, `Bad request: ${(e as Error).message}`);
    }
    const server = createMcpServer(embedded, { ...options, log });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      transport.close().catch(() => undefined);
      server.close().catch(() => undefined);
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
    } catch (e) {
      log(`csdl mcp: ${(e as Error).stack ?? e}`);
      json(res, 500, 'Internal error');
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 3001, host, () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 3001);
  allowedHosts = [`${host}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`];
  log(`csdl mcp: serving ${embedded.dataDir} on http://${host}:${port}/mcp`);
  return {
    url: `http://${host}:${port}/mcp`,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => {
          embedded.close();
          resolve();
        });
        http.closeAllConnections();
      }),
  };
}
