/**
 * A short, bounded load run on loopback (autocannon) against the local runtime: a unit read, a search and a
 * consolidation (skipped with the reason while its route is not served). Requests per second and p99 per route, and
 * the server's RSS after warm-up and at the end.
 */
import autocannon from 'autocannon';

export interface LoadRoute {
  name: string;
  path: string;
}

export interface LoadReport {
  durationSPerRoute: number;
  connections: number;
  rps: Record<string, number | null>;
  p99Ms: Record<string, number | null>;
  routes: Record<string, { path: string; requests: number; non2xx: number; errors: number; timeouts: number; fiveXx: number; skipped?: string }>;
  memory: { rssStartMb: number | null; rssEndMb: number | null; flat: boolean | null };
  fiveXx: number;
}

const run = (url: string, duration: number, connections: number) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, duration, connections, timeout: 10 }, (err, result) => (err ? reject(err) : resolve(result)));
  });

export async function runLoad(options: {
  base: string;
  routes: LoadRoute[];
  durationS: number;
  connections: number;
  rss: () => number | null;
}): Promise<LoadReport> {
  const report: LoadReport = {
    durationSPerRoute: options.durationS,
    connections: options.connections,
    rps: {},
    p99Ms: {},
    routes: {},
    memory: { rssStartMb: null, rssEndMb: null, flat: null },
    fiveXx: 0,
  };
  const live: LoadRoute[] = [];
  for (const r of options.routes) {
    const res = await fetch(`${options.base}${r.path}`);
    const body = await res.text();
    if (res.status === 404 && body.includes('/problems/route-not-found')) {
      report.rps[r.name] = null;
      report.p99Ms[r.name] = null;
      report.routes[r.name] = {
        path: r.path,
        requests: 0,
        non2xx: 0,
        errors: 0,
        timeouts: 0,
        fiveXx: 0,
        skipped: `${r.path}: 404 route-not-found (the route is not served yet)`,
      };
    } else if (res.status !== 200) {
      report.rps[r.name] = null;
      report.p99Ms[r.name] = null;
      report.routes[r.name] = {
        path: r.path,
        requests: 0,
        non2xx: 1,
        errors: 0,
        timeouts: 0,
        fiveXx: res.status >= 500 ? 1 : 0,
        skipped: `${r.path}: answered ${res.status} before the run`,
      };
      if (res.status >= 500) report.fiveXx++;
    } else live.push(r);
  }
  // Warm-up: every live route briefly, then the RSS the run starts from.
  for (const r of live) await run(`${options.base}${r.path}`, 1, options.connections);
  const toMb = (b: number | null) => (b === null ? null : Math.round((b / 1024 / 1024) * 10) / 10);
  report.memory.rssStartMb = toMb(options.rss());
  for (const r of live) {
    const result = await run(`${options.base}${r.path}`, options.durationS, options.connections);
    const fiveXx = result['5xx'] ?? 0;
    report.fiveXx += fiveXx;
    report.rps[r.name] = Math.round(result.requests.average);
    report.p99Ms[r.name] = result.latency.p99;
    report.routes[r.name] = { path: r.path, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, fiveXx };
  }
  report.memory.rssEndMb = toMb(options.rss());
  const { rssStartMb: a, rssEndMb: b } = report.memory;
  report.memory.flat = a !== null && b !== null ? b <= a * 1.5 : null;
  return report;
}
