/**
 * The local runtime as `npm start` runs it (local/main.ts), in a child process on a fresh temporary data folder
 * with the sample corpus, on a free loopback port. A child process keeps the load generator and the fuzzers off the
 * server's event loop, and lets us read the server's own RSS.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { devSecret, signDevToken } from '../local/devtoken';

export const ROOT = resolve(__dirname, '..');

export interface Runtime {
  base: string;
  port: number;
  dataDir: string;
  pid: number;
  /** A development token with these roles ([] = an identity with no role, a reader). */
  token(roles: string[]): Promise<string>;
  /** Resident set size of the server process in bytes (Linux /proc), or null elsewhere. */
  rss(): number | null;
  /** What the server printed on stderr (kept for the report when something goes wrong). */
  stderr(): string;
  /** The last 2 MB the server printed (logs at INFO), to look for secrets. */
  output(): string;
  close(): Promise<void>;
}

export async function startRuntime(options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<Runtime> {
  const dataDir = mkdtempSync(join(tmpdir(), 'csdl-verify-'));
  // Create the signing secret before the server does, so both sides read the same one.
  const env: NodeJS.ProcessEnv = { ...process.env, CSDL_DATA: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'INFO', ...options.env };
  delete env.CSDL_DEV_SECRET;
  const savedSecret = process.env.CSDL_DEV_SECRET;
  delete process.env.CSDL_DEV_SECRET;
  const secret = devSecret(dataDir);
  if (savedSecret !== undefined) process.env.CSDL_DEV_SECRET = savedSecret;

  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'local', 'main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let output = '';
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-20_000);
    output = (output + d.toString()).slice(-2_000_000);
  });
  const port = await new Promise<number>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`the local runtime did not start within ${options.timeoutMs ?? 60_000} ms: ${err.slice(-2000)}`)),
      options.timeoutMs ?? 60_000,
    );
    child.stdout?.on('data', (d: Buffer) => {
      if (out.length < 100_000) out += d.toString();
      output = (output + d.toString()).slice(-2_000_000);
      const m = /running at http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(Number(m[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the local runtime exited with ${code} before listening: ${err.slice(-2000)}`));
    });
  });
  const pid = child.pid ?? 0;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    pid,
    token: (roles) => signDevToken(secret, `verify-${roles.join('-') || 'reader'}`, roles),
    rss: () => {
      try {
        const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return m ? Number(m[1]) * 1024 : null;
      } catch {
        return null;
      }
    },
    stderr: () => err,
    output: () => output,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
