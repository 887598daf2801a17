/**
 * schemathesis (PyPI) against the local runtime: installed into a venv under .cache/ on first use (pinned), run with
 * every check, its JSON and HAR reports parsed. Failures are sorted: server errors, responses that break the
 * document (status, content type, headers, schema), authentication not enforced, and the rest (findings to read,
 * such as schema-valid requests the server refuses on semantic grounds).
 */
import { createInterface } from 'node:readline';
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './runtime';

export const SCHEMATHESIS_VERSION = '4.32.5';
const VENV = join(ROOT, '.cache', 'schemathesis-venv');
const ST = join(VENV, 'bin', 'st');

/** Failure codes (see `st explain`) that mean a response breaks the OpenAPI document. */
const SCHEMA_CODES = new Set(['ST103', 'ST104', 'ST105', 'ST106', 'ST107', 'ST108', 'ST110', 'ST111']);
const SERVER_ERROR_CODES = new Set(['ST101', 'ST102']);
const AUTH_CODES = new Set(['ST401', 'ST402']);

export interface SchemathesisReport {
  engine: 'schemathesis';
  available: boolean;
  version?: string;
  installError?: string;
  requests: number;
  byStatus: Record<string, number>;
  fiveXx: number;
  schemaViolations: number;
  authViolations: number;
  /** Other check failures by code and title: read them, they do not fail the run. */
  findings: { code: string; title: string; count: number; operations: string[] }[];
  errors: { title: string; count: number }[];
  testCases?: unknown;
  exitCode?: number | null;
  seed: number;
  durationMs: number;
}

/** Installs schemathesis into .cache/schemathesis-venv when it is not there; returns an error message or null. */
export function ensureSchemathesis(): string | null {
  if (existsSync(ST)) return null;
  const venv = spawnSync('python3', ['-m', 'venv', VENV], { encoding: 'utf8' });
  if (venv.status !== 0) return `python3 -m venv failed: ${(venv.stderr || venv.error?.message || '').slice(-500)}`;
  const pip = spawnSync(join(VENV, 'bin', 'pip'), ['install', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`], { encoding: 'utf8', timeout: 300_000 });
  if (pip.status !== 0) return `pip install schemathesis==${SCHEMATHESIS_VERSION} failed: ${(pip.stderr || pip.error?.message || '').slice(-800)}`;
  return null;
}

/**
 * schemathesis 4.32 turns a 2020-12 tuple (`prefixItems` with `items: false`, what zod emits for the search hit's
 * `highlights: [start, end]`) into a draft-4 `items: [...]` list and then rejects it as an invalid Schema Object,
 * which leaves the search responses unchecked. The copy it reads spells such tuples as arrays of 2..2 items of the
 * first item's schema: same data, checked as strictly for these integer pairs.
 */
export function relaxTuples(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relaxTuples);
  if (!node || typeof node !== 'object') return node;
  const obj = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, relaxTuples(v)])) as Record<string, unknown>;
  if (Array.isArray(obj.prefixItems) && obj.items === false) {
    const { prefixItems, items: _items, ...rest } = obj;
    const first = (prefixItems as unknown[])[0] ?? {};
    return { ...rest, items: first, minItems: (prefixItems as unknown[]).length, maxItems: (prefixItems as unknown[]).length };
  }
  return obj;
}

function spawnAsync(cmd: string, args: string[], timeoutMs: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout = (stdout + d.toString()).slice(-4_000_000);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-200_000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

export async function runSchemathesis(options: {
  base: string;
  editor: string;
  maxExamples: number;
  seed: number;
  maxTimeS: number;
  workDir: string;
}): Promise<SchemathesisReport> {
  const started = performance.now();
  const empty = (extra: Partial<SchemathesisReport>): SchemathesisReport => ({
    engine: 'schemathesis',
    available: false,
    requests: 0,
    byStatus: {},
    fiveXx: 0,
    schemaViolations: 0,
    authViolations: 0,
    findings: [],
    errors: [],
    seed: options.seed,
    durationMs: Math.round(performance.now() - started),
    ...extra,
  });
  const installError = ensureSchemathesis();
  if (installError) return empty({ installError });
  const version = spawnSync(ST, ['--version'], { encoding: 'utf8' }).stdout.trim();

  rmSync(options.workDir, { recursive: true, force: true });
  mkdirSync(options.workDir, { recursive: true });
  // A fresh connection: a pooled one may have been closed by the server while pip ran.
  const doc = await (await fetch(`${options.base}/openapi.json`, { headers: { connection: 'close' } })).json();
  const specFile = join(options.workDir, 'openapi.json');
  writeFileSync(specFile, JSON.stringify(relaxTuples(doc)));
  const reports = join(options.workDir, 'reports');
  // Asynchronously: the event loop keeps running, so pooled connections to the server stay usable afterwards.
  const run = await spawnAsync(
    ST,
    [
      'run',
      specFile,
      '--url',
      options.base,
      '--checks',
      'all',
      '--max-examples',
      String(options.maxExamples),
      '--seed',
      String(options.seed),
      '--max-time',
      String(options.maxTimeS),
      '--header',
      `Authorization: Bearer ${options.editor}`,
      '--request-timeout',
      '30',
      '--report',
      'json,har',
      '--report-dir',
      reports,
      '--no-color',
      '--suppress-health-check',
      'all',
    ],
    (options.maxTimeS + 120) * 1000,
  );
  writeFileSync(join(options.workDir, 'st.out'), `${run.stdout ?? ''}\n${run.stderr ?? ''}`);
  const files = existsSync(reports) ? readdirSync(reports) : [];
  const jsonFile = files.find((f) => f.startsWith('json'));
  const harFile = files.find((f) => f.startsWith('har'));
  if (!jsonFile || !harFile)
    return empty({ available: true, version, installError: `no report (exit ${run.status}): ${(run.stderr || run.stdout || '').slice(-800)}` });

  const summary = JSON.parse(readFileSync(join(reports, jsonFile), 'utf8')) as {
    test_cases: unknown;
    failures: { code: string; title: string; count: number; operations: string[] }[];
    errors: { title: string; count: number }[];
  };
  const statuses = await harStatuses(join(reports, harFile));
  const byStatus: Record<string, number> = {};
  for (const st of statuses) byStatus[st] = (byStatus[st] ?? 0) + 1;
  const fiveXxHar = statuses.filter((st) => st >= 500).length;
  const sum = (codes: Set<string>) => summary.failures.filter((f) => codes.has(f.code)).reduce((n, f) => n + f.count, 0);
  return {
    engine: 'schemathesis',
    available: true,
    version,
    requests: statuses.length,
    byStatus,
    fiveXx: Math.max(fiveXxHar, sum(SERVER_ERROR_CODES)),
    schemaViolations: sum(SCHEMA_CODES),
    authViolations: sum(AUTH_CODES),
    findings: summary.failures.filter((f) => !SCHEMA_CODES.has(f.code) && !SERVER_ERROR_CODES.has(f.code) && !AUTH_CODES.has(f.code)),
    errors: summary.errors,
    testCases: summary.test_cases,
    exitCode: run.status,
    seed: options.seed,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * The response status of every entry of schemathesis's HAR report, read line by line: the report holds every response
 * body (originals, Word and PDF files, bulk dumps), over a gigabyte in the full profile, more than one string can
 * hold. harfile writes each entry's response object on one line that starts with `"response": {"status": N`.
 */
export async function harStatuses(file: string): Promise<number[]> {
  const out: number[] = [];
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const m = /^\s*"response":\s*\{"status":\s*(\d{3})/.exec(line);
    if (m) out.push(Number(m[1]));
  }
  return out;
}
