/**
 * Security checks that are cheap to automate: identities on writes (401 / 403), the body size limit (413), a path
 * traversal file name stored harmlessly, query syntax that never reaches the search engine unescaped (no 5xx),
 * tokens never in the server's output, the per-client rate limit (a burst over it gets 429 problem+json
 * `/problems/rate-limited` with Retry-After, and the client recovers after waiting), and `npm audit` of the production dependencies (recorded; a network
 * failure is recorded, not failed).
 */
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ROOT } from './runtime';

export interface SecurityCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SecurityReport {
  checks: SecurityCheck[];
  failures: number;
  audit: { ran: boolean; critical: number | null; high: number | null; total: number | null; exitCode: number | null; error?: string };
}

function filesUnder(dir: string, since: number, depth = 3): string[] {
  const out: string[] = [];
  if (depth < 0 || !existsSync(dir)) return out;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(dir, n);
    try {
      const s = statSync(p);
      if (s.isDirectory()) out.push(...filesUnder(p, since, depth - 1));
      else if (s.mtimeMs >= since) out.push(p);
    } catch {
      // vanished meanwhile
    }
  }
  return out;
}

/**
 * POSTs a large body and reads the status even when the server answers and closes before the body is all sent
 * (as it does for 413): fetch() reports that as a network error.
 */
function postLarge(url: string, body: string, token?: string): Promise<{ status: number }> {
  return new Promise((resolve) => {
    let status = 0;
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        status = res.statusCode ?? 0;
        res.resume();
        res.on('end', () => resolve({ status }));
      },
    );
    req.on('error', () => resolve({ status }));
    // Send the body in chunks and stop once the server has answered, as a client that reads while it writes.
    req.flushHeaders();
    const bytes = Buffer.from(body);
    let offset = 0;
    const next = () => {
      if (status || req.destroyed) return;
      if (offset >= bytes.length) return void req.end();
      const chunk = bytes.subarray(offset, offset + 256 * 1024);
      offset += chunk.length;
      if (req.write(chunk)) setImmediate(next);
      else req.once('drain', next);
    };
    setTimeout(next, 20);
  });
}

export async function runSecurity(options: {
  base: string;
  editor: string;
  reader: string;
  dataDir: string;
  sample: { name: string; text: string };
  serverOutput: () => string;
  audit: boolean;
  /** A runtime started with a low RATE_LIMIT_RPS / RATE_LIMIT_BURST (the main one runs without, for the load run). */
  rateLimited?: { base: string; rps: number; burst: number };
}): Promise<SecurityReport> {
  const checks: SecurityCheck[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const post = (path: string, body: string, token?: string) =>
    fetch(`${options.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
  const doc = JSON.stringify({ fileName: options.sample.name, content: options.sample.text });

  const anon = await post('/v1/documents', doc);
  check('write without identity → 401', anon.status === 401, `status ${anon.status}`);
  const forged = await post('/v1/documents', doc, `${options.editor.slice(0, -6)}AAAAAA`);
  check('write with a forged token → 401', forged.status === 401, `status ${forged.status}`);
  const reader = await post('/v1/documents', doc, options.reader);
  check('write with a reader identity → 403', reader.status === 403, `status ${reader.status}`);

  const huge = JSON.stringify({ fileName: 'huge.txt', content: 'Điều 1. '.repeat(700_000) });
  const tooLarge = await postLarge(`${options.base}/v1/documents`, huge, options.editor);
  check('an editor body over the 5 MB limit → 413', tooLarge.status === 413, `status ${tooLarge.status}, ${Buffer.byteLength(huge)} bytes`);
  const tooLargeLint = await postLarge(`${options.base}/v1/lint`, huge);
  check('a lint body over the 5 MB limit → 413', tooLargeLint.status === 413, `status ${tooLargeLint.status}`);

  // Path traversal: the file name is reduced to its last segment; nothing lands outside the data folder.
  const since = Date.now() - 1000;
  const outside = dirname(options.dataDir);
  const traversal = await post(
    '/v1/documents',
    JSON.stringify({ fileName: '../../etc/passwd.txt', content: `${options.sample.text}\n\n\n\n` }),
    options.editor,
  );
  const tBody = (await traversal.json()) as { document?: { sources?: { fileName: string }[] } };
  const names = tBody.document?.sources?.map((s) => s.fileName) ?? [];
  const strayOutside = filesUnder(outside, since, 1).filter((p) => !p.startsWith(options.dataDir) && /passwd/i.test(p));
  const strayInData = filesUnder(options.dataDir, since, 6).filter((p) => /passwd|\.\./.test(relative(options.dataDir, p)));
  check(
    'path traversal in an uploaded file name is stored harmlessly',
    traversal.status < 300 &&
      names.every((n) => !n.includes('/') && !n.includes('..')) &&
      strayOutside.length === 0 &&
      strayInData.length === 0 &&
      !existsSync('/etc/passwd.txt'),
    `status ${traversal.status}, stored names ${JSON.stringify(names)}, files outside ${JSON.stringify(strayOutside)}, odd files inside ${JSON.stringify(strayInData)}`,
  );

  // Query syntax of the search engine (FTS5 / OpenSearch query strings) must never produce a 5xx.
  const queries = ['" OR 1=1 --', 'NEAR(a b', 'a AND OR NOT', '*', '^', 'luong:toi', '{!lucene}x', '(((', 'a" b" c"', '\u0000', 'x'.repeat(1000)];
  const statuses: number[] = [];
  for (const q of queries) statuses.push((await fetch(`${options.base}/v1/search?q=${encodeURIComponent(q)}`)).status);
  check(
    'query syntax in q answers 200 or 400, never 5xx',
    statuses.every((s) => s === 200 || s === 400),
    `statuses ${JSON.stringify(statuses)}`,
  );

  const out = options.serverOutput();
  check(
    'tokens never appear in the server output',
    !out.includes(options.editor) && !out.includes(options.reader),
    `${out.length} chars of server output read`,
  );

  if (options.rateLimited) for (const c of await checkRateLimit(options.rateLimited)) checks.push(c);

  const audit: SecurityReport['audit'] = { ran: false, critical: null, high: null, total: null, exitCode: null };
  if (options.audit) {
    const r = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=critical', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    audit.exitCode = r.status;
    try {
      const j = JSON.parse(r.stdout) as {
        metadata?: { vulnerabilities?: Record<string, number> };
        error?: { code?: string; summary?: string };
        message?: string;
      };
      if (j.error) audit.error = `${j.error.code ?? ''} ${j.error.summary ?? ''}`.trim();
      if (j.message && !j.metadata) audit.error = `the audit endpoint answered: ${j.message}`;
      const v = j.metadata?.vulnerabilities;
      if (v) {
        audit.ran = true;
        audit.critical = v.critical ?? 0;
        audit.high = v.high ?? 0;
        audit.total = v.total ?? 0;
      }
    } catch {
      audit.error = (r.stderr || r.error?.message || 'no JSON from npm audit').slice(-500);
    }
    if (audit.ran)
      check('npm audit --omit=dev: no critical vulnerability', audit.critical === 0, `critical ${audit.critical}, high ${audit.high}, total ${audit.total}`);
  }
  return { checks, failures: checks.filter((c) => !c.ok).length, audit };
}

/**
 * A burst of `burst + 20` concurrent requests from one client: about `burst` answer 200, the rest 429 problem+json
 * `/problems/rate-limited` with Retry-After; after waiting that long the client is served again.
 */
export async function checkRateLimit(target: { base: string; rps: number; burst: number }): Promise<SecurityCheck[]> {
  const n = target.burst + 20;
  const answers = await Promise.all(
    Array.from({ length: n }, async () => {
      const res = await fetch(`${target.base}/health`);
      const text = await res.text();
      let type = '';
      try {
        type = String((JSON.parse(text) as { type?: unknown }).type ?? '');
      } catch {}
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', retryAfter: Number(res.headers.get('retry-after') ?? 'NaN'), type };
    }),
  );
  const ok = answers.filter((a) => a.status === 200).length;
  const limited = answers.filter((a) => a.status === 429);
  const wellFormed = limited.every((a) => a.contentType.startsWith('application/problem+json') && a.type === '/problems/rate-limited' && a.retryAfter >= 1);
  const other = answers.filter((a) => a.status !== 200 && a.status !== 429).map((a) => a.status);
  const checks: SecurityCheck[] = [
    {
      name: `a burst over the rate limit (${target.rps} rps, burst ${target.burst}) → 429 problem+json /problems/rate-limited with Retry-After`,
      ok: limited.length > 0 && wellFormed && other.length === 0 && ok >= target.burst && ok <= target.burst + Math.ceil(target.rps),
      detail: `${n} concurrent requests: ${ok} × 200, ${limited.length} × 429 (well formed: ${wellFormed}), other ${JSON.stringify(other)}`,
    },
  ];
  const wait = Math.max(1, ...limited.map((a) => (Number.isFinite(a.retryAfter) ? a.retryAfter : 1)));
  await new Promise((r) => setTimeout(r, wait * 1000));
  const after = await fetch(`${target.base}/health`);
  await after.text();
  checks.push({ name: 'the rate-limited client recovers after Retry-After', ok: after.status === 200, detail: `status ${after.status} after ${wait} s` });
  return checks;
}
