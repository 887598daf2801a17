/** A webhook receiver on loopback for the tests of subscriptions (docs/adr/0022), and a wait for a condition. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Notification } from '../../domain/subscriptions/types';

/** Records each POST (headers, raw body, when); answers `status`; `down()` stops listening, `up()` listens again on the same port. */
export class WebhookReceiver {
  private server: Server | null = null;
  port = 0;
  status = 200;
  readonly got: { headers: IncomingMessage['headers']; body: string; at: number }[] = [];

  async up(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        res.writeHead(this.status).end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  notifications(): Notification[] {
    return this.got.map((g) => JSON.parse(g.body) as Notification);
  }
}

/** Waits until `ok()` holds, checking every `everyMs`; throws naming `what` after `ms`. */
export async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000, everyMs = 25): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
