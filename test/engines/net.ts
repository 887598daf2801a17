import net from 'node:net';

export const HOST = '127.0.0.1';

export function urlFor(port: number): string {
  return `http://${HOST}:${port}`;
}

const handedOut = new Set<number>();

/** A port that is free on 127.0.0.1 right now (and not already handed out by this process). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.unref();
      server.once('error', reject);
      server.listen(0, HOST, () => {
        const address = server.address();
        server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** GET a URL with a short timeout; resolves to status and body, or undefined when unreachable. */
export async function httpGet(url: string, timeoutMs = 2_000): Promise<{ status: number; body: string } | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: await res.text() };
  } catch {
    return undefined;
  }
}

/**
 * Poll `probe` every intervalMs until it succeeds. Gives up at the deadline, or as soon as
 * `abort` reports a reason to stop (e.g. the process exited). Returns undefined on
 * success, otherwise the reason.
 */
export async function waitUntil(
  probe: () => Promise<boolean>,
  opts: { timeoutMs: number; intervalMs?: number; abort?: () => string | undefined },
): Promise<string | undefined> {
  const deadline = Date.now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 200;
  for (;;) {
    const aborted = opts.abort?.();
    if (aborted) return aborted;
    if (await probe().catch(() => false)) return undefined;
    const again = opts.abort?.();
    if (again) return again;
    if (Date.now() >= deadline) return `did not become healthy within ${opts.timeoutMs} ms (CSDL_ENGINES_START_TIMEOUT_MS raises it)`;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
