/**
 * The local runtime exactly as `npm start` runs it (local/main.ts in a child process) on a temporary data folder: the
 * sample corpus is loaded on start, and pháp điển fixtures are imported first with the CLI. A thin proxy in front
 * passes every request through; only when the runtime answers 404 to a GET of a file that exists in web/ does the
 * proxy serve that file itself, and it records the path in `unserved` so a test can insist the runtime serves it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { WEB_CSP } from '../../schemas/web-csp';
import { tempDir } from './embedded';

export const ROOT = join(__dirname, '..', '..');
export const WEB_ROOT = join(ROOT, 'web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The web/ file a path names, if any: a flat folder of pages and assets (no sub-folders, no dot files). */
export function webFile(pathname: string): string | null {
  const name = pathname === '/' ? 'index.html' : pathname.slice(1);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*\.[a-z]+$/.test(name) || !TYPES[extname(name)]) return null;
  const file = join(WEB_ROOT, name);
  return existsSync(file) ? file : null;
}

export interface WebRuntime {
  /** The proxy's origin: what the browser opens. */
  base: string;
  /** The runtime's own origin. */
  upstream: string;
  dataDir: string;
  /** Paths of web/ files the runtime answered 404 for (served by the proxy instead). */
  unserved: Set<string>;
  /** What the runtime printed, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

function runCli(args: string[]): string {
  const r = spawnSync('npm', ['run', '--silent', 'csdl', '--', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`csdl ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

function waitForOrigin(child: ChildProcess, log: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local runtime did not start within ${timeoutMs} ms:\n${log()}`)), timeoutMs);
    const onData = () => {
      const m = /running at (http:\/\/[^/\s]+)\//.exec(log());
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local runtime exited with ${code} before listening:\n${log()}`));
    });
  });
}

export async function startWebRuntime(options: { phapdien?: string[] } = {}): Promise<WebRuntime> {
  const dataDir = tempDir('csdl-web-');
  for (const dir of options.phapdien ?? []) runCli(['phapdien', 'import', dir, '--data', dataDir]);

  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, CSDL_DATA: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'WARN' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  let upstream: string;
  try {
    upstream = await waitForOrigin(child, () => out, 90_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  const up = new URL(upstream);
  const unserved = new Set<string>();

  const proxy: Server = createServer((req, res) => {
    const fwd = request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (ures) => {
      const pathname = new URL(req.url ?? '/', upstream).pathname;
      const file = req.method === 'GET' && ures.statusCode === 404 ? webFile(pathname) : null;
      if (file) {
        ures.resume();
        unserved.add(pathname);
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
          // The runtime's own policy for its pages (local/server.ts).
          'content-security-policy': WEB_CSP,
          'x-content-type-options': 'nosniff',
        });
        res.end(readFileSync(file));
        return;
      }
      res.writeHead(ures.statusCode ?? 502, ures.headers);
      ures.pipe(res);
    });
    fwd.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
    req.pipe(fwd);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  return {
    base,
    upstream,
    dataDir,
    unserved,
    output: () => out,
    close: async () => {
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        proxy.closeAllConnections();
      });
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
