/**
 * Webhook delivery over HTTP(S) (docs/adr/0022): a POST to a receiver that must be `https` and resolve to public
 * addresses only. The address check runs in the connection's own DNS lookup, so the address checked is the one
 * connected to (a name that resolves to a public address at creation and to 169.254.169.254 later is refused
 * then). The local runtime also allows `http` and `https` to loopback, for tests and a developer's receiver. No
 * redirects are followed; the answer is read up to 64 KB and dropped.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import type { WebhookResult, WebhookSender } from '../../domain/ports';

/** Addresses no webhook may reach: private, shared, link-local (cloud metadata), documentation, multicast, reserved. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  // Unspecified, and IPv4-compatible (`::7f00:1`); 6to4 and Teredo embed IPv4 addresses too.
  ['::', 96],
  ['2002::', 16],
  ['2001::', 32],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is checked as the IPv4 address it is. */
const unmapped = (address: string) => {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m?.[1] ?? address;
};

export interface HttpWebhookSenderOptions {
  /** The local runtime: loopback receivers (and `http` to them) are allowed. */
  allowLoopback: boolean;
  /** The whole exchange, from the lookup to the answer's last byte (default 10 s). */
  timeoutMs?: number;
}

export class HttpWebhookSender implements WebhookSender {
  private readonly timeoutMs: number;
  constructor(private readonly options: HttpWebhookSenderOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Why this address may not be connected to, or null. */
  private addressProblem(raw: string): string | null {
    const address = unmapped(raw);
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (LOOPBACK.check(address, family)) return this.options.allowLoopback ? null : `${address} is a loopback address`;
    if (PRIVATE.check(address, family)) return `${address} is a private, link-local or reserved address`;
    return null;
  }

  private parse(url: string): { url: URL } | { problem: string } {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return { problem: 'not a URL' };
    }
    if (u.username || u.password) return { problem: 'a webhook URL may not carry credentials' };
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const loopbackName = host === 'localhost' || (isIP(host) !== 0 && LOOPBACK.check(unmapped(host), isIP(unmapped(host)) === 6 ? 'ipv6' : 'ipv4'));
    if (u.protocol === 'https:') return { url: u };
    if (u.protocol === 'http:' && this.options.allowLoopback && loopbackName) return { url: u };
    return { problem: this.options.allowLoopback ? 'use https (http only to a loopback address)' : 'use https' };
  }

  /** The connection's DNS lookup: every address the name resolves to must be allowed. */
  private readonly guardedLookup = (
    hostname: string,
    options: object,
    callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as LookupAddress[];
      const problem = list.map((a) => this.addressProblem(a.address)).find(Boolean);
      if (problem) return callback(Object.assign(new Error(`refused: ${hostname} resolves to ${problem}`), { code: 'EWEBHOOKADDRESS' }), '');
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} resolves to no address`), '');
      callback(null, first.address, first.family);
    });
  };

  /** The URL with its host, or why it may not receive webhooks (its scheme, or the address it is written as). */
  private target(url: string): { url: URL; host: string } | { problem: string } {
    const parsed = this.parse(url);
    if ('problem' in parsed) return parsed;
    const host = parsed.url.hostname.replace(/^\[|\]$/g, '');
    const problem = isIP(host) ? this.addressProblem(host) : null;
    return problem ? { problem: `refused: ${problem}` } : { url: parsed.url, host };
  }

  async refuse(url: string): Promise<string | null> {
    const t = this.target(url);
    if ('problem' in t) return t.problem.replace(/^refused: /, '');
    const { host } = t;
    if (isIP(host)) return null;
    return new Promise((resolve) => {
      this.guardedLookup(host, {}, (err) => resolve(err ? (err.message.startsWith('refused: ') ? err.message.slice(9) : `${host} does not resolve`) : null));
    });
  }

  async post(url: string, body: string, headers: Record<string, string>): Promise<WebhookResult> {
    const parsed = this.target(url);
    if ('problem' in parsed) return { ok: false, status: null, error: parsed.problem };
    const options: RequestOptions = {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      timeout: this.timeoutMs,
      lookup: this.guardedLookup as RequestOptions['lookup'],
      agent: false,
    };
    const send = parsed.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      let settled = false;
      // One deadline for the whole exchange (lookup, connect, TLS, headers, body): a receiver that drips bytes does
      // not hold a send open (the socket's idle timeout alone would let it).
      const deadline = setTimeout(() => req.destroy(new Error(`no complete answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      const done = (r: WebhookResult) => {
        clearTimeout(deadline);
        if (!settled) {
          settled = true;
          resolve(r);
        }
      };
      const req = send(parsed.url, options, (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 64 * 1024) res.destroy();
        });
        const status = res.statusCode ?? 0;
        const finish = () => done({ ok: status >= 200 && status < 300, status, error: null });
        res.on('end', finish);
        // Cut by the deadline before the answer ended: a failure, not the status it began with.
        res.on('close', () =>
          res.complete || read > 64 * 1024 ? finish() : done({ ok: false, status: null, error: `the answer did not end within ${this.timeoutMs} ms` }),
        );
        res.on('error', () => undefined);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (e: NodeJS.ErrnoException) => done({ ok: false, status: null, error: e.code ? `${e.code}: ${e.message}` : e.message }));
      req.end(body);
    });
  }
}
