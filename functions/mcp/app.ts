/**
 * Tools for assistants on the API (issue 21): the Model Context Protocol over streamable HTTP at `POST /mcp`,
 * stateless (a server and a transport per request, JSON answers, no session), with the read-only tools of
 * _shared/mcp-server.ts over the store — the same on AWS and locally. Public like every read; each call's work is
 * bounded by the tools' limits, and the route by the stage's throttling.
 */
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import * as z from 'zod/mini';
import { DomainError } from '../../domain/errors';
import { createMcpServer } from '../_shared/mcp-server';
import { httpHandler, json, type AppContext } from '../_shared/http';

/**
 * One JSON-RPC message; the transport checks the rest. Batches are refused (MCP 2025-06 dropped them): one throttled
 * request is one tool call's bounded work, not a hundred run at once.
 */
const McpMessage = z.record(z.string(), z.unknown());

/** The request headers the protocol reads. */
const FORWARDED = ['accept', 'content-type', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id'];

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'mcp', body: McpMessage, cacheControl: 'no-store' }, async ({ body, ports, headers }) => {
    const server = createMcpServer(ports, { baseUrl: ctx.publicBaseUrl ?? '', log: (m) => ctx.logger.error(m) });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    try {
      await server.connect(transport);
      const forwarded = Object.fromEntries(FORWARDED.flatMap((h) => (headers[h] ? [[h, headers[h] as string]] : [])));
      const answer = await transport.handleRequest(new Request('http://localhost/mcp', { method: 'POST', headers: forwarded, body: JSON.stringify(body) }), {
        parsedBody: body,
      });
      const text = await answer.text();
      // The transport refuses a request (no `Accept: application/json, text/event-stream`, not JSON-RPC) with a
      // JSON-RPC error: answered as every route answers a bad request, problem+json with its message.
      if (answer.status >= 400) {
        const message = (JSON.parse(text || '{}') as { error?: { message?: string } }).error?.message ?? `the MCP transport answered ${answer.status}`;
        throw new DomainError('validation', `MCP: ${message}`);
      }
      return json(text, answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    } finally {
      await transport.close().catch(() => undefined);
      await server.close().catch(() => undefined);
    }
  });
