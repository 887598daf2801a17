/**
 * checkov (PyPI, pinned) over the synthesized CloudFormation templates of two stages, `dev` and `prod` (issue #22).
 * Every check that fails must have its row, with its reason, in docs/adr/0021-checkov-findings.md: the ADR is the
 * only place reasons live, and this command exits 1 naming the check ids (and stages) that have none.
 *
 *   npm run --silent verify:checkov -- [--json] [--out DIR] [--skip-bundling]
 *
 * `--json`: one JSON object on stdout, its only line (the table goes to stderr). `--out DIR`: keeps each stage's
 * templates and checkov's raw report in DIR/<stage>/ (otherwise a temporary folder, removed at the end).
 * `--skip-bundling`: synthesize with `csdl:skipBundling` (inline placeholder code instead of esbuild bundles, about
 * 40 s faster per stage); the templates differ only in the functions' `Code`, which no check reads.
 *
 * Exit codes: 0 every failed check id is listed for its stage (rows marked "to fix" count as listed, and are printed
 * as such); 1 some are not; 2 the tool could not run (python3, venv, pip, dev synthesis, checkov itself).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createCsdlApp } from '../infra/csdl-app';

/**
 * Context of each stage, on top of cdk.json's. When infra/config.ts comes to require more context for prod, add it
 * here (a prod synthesis that fails prints the configuration's message and the run goes on with dev).
 */
export const STAGE_CONTEXT: Record<'dev' | 'prod', Record<string, unknown>> = {
  dev: { stage: 'dev' },
  prod: {
    stage: 'prod',
    // Backups must leave the region (docs/adr/0020).
    'backup:copyRegion': 'ap-southeast-2',
    // The production size of the search domain (infra/README.md).
    'opensearch:zoneAwareness': true,
    'opensearch:dataNodes': 2,
    'opensearch:masterNodes': 3,
    // The front door (docs/adr/0009, amendment): example names and ACM ARNs, never looked up at synthesis.
    region: 'ap-southeast-1',
    'web:domainName': 'phapluat.example.vn',
    'web:certificateArn': 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    'api:domainName': 'api.phapluat.example.vn',
    'api:certificateArn': 'arn:aws:acm:ap-southeast-1:123456789012:certificate/1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
  },
};

export const CHECKOV_VERSION = '3.3.30';
const ROOT = resolve(__dirname, '..');
const VENV = join(ROOT, '.cache', 'checkov-venv');
const CHECKOV = join(VENV, 'bin', 'checkov');
export const ADR = join(ROOT, 'docs', 'adr', '0021-checkov-findings.md');
const STAGES = ['dev', 'prod'] as const;
type StageName = (typeof STAGES)[number];

/**
 * Installs `pkg==version` into a venv under .cache/ unless that exact version is already there (a venv with another
 * version is upgraded in place, a broken one recreated). Returns what went wrong, naming the step, or null.
 */
export function ensurePipTool(venv: string, pkg: string, version: string, log: (line: string) => void): string | null {
  const python = join(venv, 'bin', 'python');
  const installed = (): string | null => {
    if (!existsSync(python)) return null;
    const r = spawnSync(python, ['-c', `import importlib.metadata as m; print(m.version(${JSON.stringify(pkg)}))`], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const before = installed();
  if (before === version) return null;
  const where = relative(ROOT, venv);
  if (!existsSync(python) || spawnSync(python, ['--version']).status !== 0) {
    rmSync(venv, { recursive: true, force: true });
    log(`installing ${pkg}==${version} into ${where} (python3 -m venv, then pip)…`);
    const made = spawnSync('python3', ['-m', 'venv', venv], { encoding: 'utf8' });
    if (made.error) return `python3 could not be started (${made.error.message}): install Python 3.9+ (apt-get install python3 python3-venv)`;
    if (made.status !== 0)
      return `python3 -m venv ${where} failed (exit ${made.status}): ${(made.stderr || made.stdout).trim().slice(-600)} — on Debian/Ubuntu: apt-get install python3-venv`;
  } else {
    log(`${where} has ${pkg} ${before ?? '(none)'}; installing the pinned ${version}…`);
  }
  const pip = spawnSync(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `${pkg}==${version}`], {
    encoding: 'utf8',
    timeout: 900_000,
  });
  if (pip.error) return `pip install ${pkg}==${version} could not run: ${pip.error.message}`;
  if (pip.status !== 0) return `pip install ${pkg}==${version} failed (exit ${pip.status}): ${(pip.stderr || pip.stdout).trim().slice(-800)}`;
  const after = installed();
  if (after !== version) return `pip install ${pkg}==${version} finished but ${where} reports ${pkg} ${after ?? '(missing)'}`;
  return null;
}

/** One row of the ADR's table: the stages it covers and whether it is a reason or a gap still to fix. */
export interface Acknowledgement {
  id: string;
  stages: string[];
  toFix: boolean;
  reason: string;
}

/**
 * The rows of the ADR's tables whose first cell is a check id (`CKV_AWS_117`, `CKV2_AWS_5`): second cell the stages
 * (`dev, prod`), last cell the reason; a reason that starts with "to fix" (bold or not) marks a gap, not a reason.
 */
export function parseAcknowledgements(markdown: string): Map<string, Acknowledgement> {
  const acks = new Map<string, Acknowledgement>();
  for (const line of markdown.split('\n')) {
    if (!line.trim().startsWith('|')) continue;
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
    const id = cells[0]?.replace(/`/g, '');
    if (!id || !/^CKV2?_[A-Z0-9]+_\d+$/.test(id) || cells.length < 3) continue;
    const stages = (cells[1] ?? '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    const reason = cells[cells.length - 1] ?? '';
    acks.set(id, { id, stages, toFix: /^\**\s*to fix\b/i.test(reason), reason });
  }
  return acks;
}

export interface CheckGroup {
  id: string;
  name: string;
  count: number;
  /** Logical ids of the failing resources. */
  resources: string[];
  /** The same, by stack. */
  byStack: Record<string, string[]>;
  /** `acknowledged` (a reason in the ADR), `to-fix` (listed as a gap), `unacknowledged` (no row for this stage). */
  status: 'acknowledged' | 'to-fix' | 'unacknowledged';
}

export interface StageReport {
  synthesized: boolean;
  /** Why synthesis failed (no templates) or what its validation reported (templates written, scanned anyway). */
  synthError?: string;
  stacks: string[];
  passed: number;
  failed: number;
  skipped: number;
  parsingErrors: number;
  resourceCount: number;
  byCheck: CheckGroup[];
  synthMs: number;
  checkovMs: number;
}

interface CheckovFinding {
  check_id: string;
  check_name: string;
  file_path: string;
  resource: string;
}

interface CheckovReport {
  check_type?: string;
  results?: { failed_checks?: CheckovFinding[] };
  summary?: { passed?: number; failed?: number; skipped?: number; parsing_errors?: number; resource_count?: number; checkov_version?: string };
}

/** Runs `fn` with everything written to stdout sent to stderr (the CDK's bundling and validation messages). */
function toStderr<T>(fn: () => T): T {
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    return fn();
  } finally {
    process.stdout.write = write;
  }
}

/** Synthesizes the app as infra/app.ts does (cdk.json's context + the stage's) into `outdir`. */
function synthesize(stage: StageName, outdir: string, skipBundling: boolean): { templates: string[]; error?: string } {
  const cdkJson = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const context = { ...cdkJson.context, ...STAGE_CONTEXT[stage], ...(skipBundling ? { 'csdl:skipBundling': true } : {}) };
  let error: string | undefined;
  try {
    toStderr(() => createCsdlApp({ outdir, context }).app.synth());
  } catch (e) {
    error = (e as Error).message;
  }
  const templates = existsSync(outdir) ? readdirSync(outdir).filter((f) => f.endsWith('.template.json')) : [];
  return { templates: templates.sort(), error };
}

function runCheckov(dir: string, templates: string[]): { report?: CheckovReport; error?: string; raw: string } {
  const run = spawnSync(CHECKOV, ['-f', ...templates, '--framework', 'cloudformation', '-o', 'json', '--skip-download', '--quiet', '--compact'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 900_000,
    // No platform mapping download, no PyPI version check: the run reads only the templates.
    env: { ...process.env, BC_SKIP_MAPPING: 'TRUE', CKV_SKIP_PACKAGE_UPDATE_CHECK: 'true' },
  });
  if (run.error) return { error: `checkov could not run: ${run.error.message}`, raw: '' };
  if (run.status !== 0 && run.status !== 1) return { error: `checkov exited ${run.status}: ${(run.stderr || run.stdout).trim().slice(-800)}`, raw: run.stdout };
  try {
    const parsed = JSON.parse(run.stdout) as CheckovReport | CheckovReport[];
    const report = Array.isArray(parsed) ? parsed.find((r) => r.check_type === 'cloudformation') : parsed;
    return { report: report ?? {}, raw: run.stdout };
  } catch {
    return { error: `checkov printed no JSON report (exit ${run.status}): ${(run.stderr || run.stdout).trim().slice(-800)}`, raw: run.stdout };
  }
}

function group(findings: CheckovFinding[], stage: StageName, acks: Map<string, Acknowledgement>): CheckGroup[] {
  const groups = new Map<string, CheckGroup>();
  for (const f of findings) {
    const stack = f.file_path.replace(/^.*\//, '').replace(/\.template\.json$/, '');
    const logicalId = f.resource.slice(f.resource.lastIndexOf('.') + 1);
    const ack = acks.get(f.check_id);
    const status = ack?.stages.includes(stage) ? (ack.toFix ? 'to-fix' : 'acknowledged') : 'unacknowledged';
    const g = groups.get(f.check_id) ?? { id: f.check_id, name: f.check_name, count: 0, resources: [], byStack: {}, status };
    g.count++;
    g.resources.push(logicalId);
    g.byStack[stack] = [...(g.byStack[stack] ?? []), logicalId];
    groups.set(f.check_id, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id, 'en', { numeric: true }));
}

function table(stage: StageName, r: StageReport, version: string): string[] {
  const lines = [
    '',
    `checkov ${version}, stage ${stage} (${r.stacks.join(', ') || 'no stacks'}): ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped` +
      `${r.parsingErrors ? `, ${r.parsingErrors} parsing errors` : ''}; synth ${(r.synthMs / 1000).toFixed(0)} s, checkov ${(r.checkovMs / 1000).toFixed(0)} s`,
  ];
  if (r.synthError) lines.push(`  note: ${r.synthError}`);
  if (r.byCheck.length === 0) return lines;
  lines.push(`  ${'check'.padEnd(12)} ${'count'.padStart(5)}  ${'ADR 0021'.padEnd(14)} name`);
  const label = { acknowledged: 'reason', 'to-fix': 'TO FIX', unacknowledged: 'NOT LISTED' } as const;
  for (const g of r.byCheck) {
    lines.push(`  ${g.id.padEnd(12)} ${String(g.count).padStart(5)}  ${label[g.status].padEnd(14)} ${g.name}`);
    for (const [stack, ids] of Object.entries(g.byStack)) lines.push(`${' '.repeat(22)}${stack}: ${ids.join(', ')}`);
  }
  return lines;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const skipBundling = args.includes('--skip-bundling');
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
  if (outIndex >= 0 && !out) {
    console.error('verify:checkov: --out needs a folder');
    return 2;
  }
  const unknown = args.filter((a, i) => !['--json', '--skip-bundling', '--out'].includes(a) && !(outIndex >= 0 && i === outIndex + 1));
  if (unknown.length) {
    console.error(`verify:checkov: unknown argument ${unknown.join(' ')} (use --json, --out DIR, --skip-bundling)`);
    return 2;
  }
  const log = (line: string) => (json ? console.error(line) : console.log(line));
  const started = performance.now();

  const installStarted = performance.now();
  const installError = ensurePipTool(VENV, 'checkov', CHECKOV_VERSION, (l) => console.error(`verify:checkov: ${l}`));
  if (installError) {
    console.error(`verify:checkov: ${installError}`);
    return 2;
  }
  const installMs = Math.round(performance.now() - installStarted);
  const version = spawnSync(CHECKOV, ['--version'], { encoding: 'utf8' }).stdout.trim();

  const acks = existsSync(ADR) ? parseAcknowledgements(readFileSync(ADR, 'utf8')) : new Map<string, Acknowledgement>();
  if (!existsSync(ADR)) console.error(`verify:checkov: ${relative(ROOT, ADR)} is missing: no finding is acknowledged`);

  const work = out ? resolve(out) : mkdtempSync(join(tmpdir(), 'csdl-checkov-'));
  const stages: Partial<Record<StageName, StageReport>> = {};
  try {
    for (const stage of STAGES) {
      const dir = join(work, stage);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      console.error(`verify:checkov: synthesizing ${stage}${skipBundling ? ' (csdl:skipBundling)' : ' (esbuild bundles)'}…`);
      const synthStarted = performance.now();
      const synth = synthesize(stage, dir, skipBundling);
      const synthMs = Math.round(performance.now() - synthStarted);
      const empty: StageReport = {
        synthesized: false,
        synthError: synth.error,
        stacks: [],
        passed: 0,
        failed: 0,
        skipped: 0,
        parsingErrors: 0,
        resourceCount: 0,
        byCheck: [],
        synthMs,
        checkovMs: 0,
      };
      if (synth.templates.length === 0) {
        const message = `stage ${stage} was not synthesized: ${synth.error ?? 'no template written'}`;
        if (stage === 'dev') {
          console.error(`verify:checkov: ${message}`);
          return 2;
        }
        console.error(
          `\nverify:checkov: ${message}\n  → give it that context in STAGE_CONTEXT.${stage} at the top of verify/checkov.ts; going on without ${stage}.\n`,
        );
        stages[stage] = empty;
        continue;
      }
      if (synth.error)
        console.error(`verify:checkov: ${stage}: synthesis validation failed (${synth.error}); its templates were written and are scanned anyway.`);
      const checkovStarted = performance.now();
      const run = runCheckov(dir, synth.templates);
      const checkovMs = Math.round(performance.now() - checkovStarted);
      writeFileSync(join(dir, 'checkov.json'), run.raw);
      if (!run.report) {
        console.error(`verify:checkov: ${stage}: ${run.error}`);
        return 2;
      }
      const s = run.report.summary ?? {};
      stages[stage] = {
        ...empty,
        synthesized: true,
        synthError: synth.error ? `synthesis validation failed, templates scanned anyway: ${synth.error}` : undefined,
        stacks: synth.templates.map((t) => t.replace(/\.template\.json$/, '')),
        passed: s.passed ?? 0,
        failed: s.failed ?? 0,
        skipped: s.skipped ?? 0,
        parsingErrors: s.parsing_errors ?? 0,
        resourceCount: s.resource_count ?? 0,
        byCheck: group(run.report.results?.failed_checks ?? [], stage, acks),
        checkovMs,
      };
    }
  } finally {
    if (!out) rmSync(work, { recursive: true, force: true });
  }

  const unacknowledged: string[] = [];
  const toFix: string[] = [];
  const stale: string[] = [];
  for (const stage of STAGES) {
    const r = stages[stage];
    if (!r) continue;
    for (const line of table(stage, r, version)) log(line);
    for (const g of r.byCheck) {
      if (g.status === 'unacknowledged') unacknowledged.push(`${g.id} (${stage})`);
      if (g.status === 'to-fix') toFix.push(`${g.id} (${stage})`);
    }
    if (!r.synthesized) continue;
    for (const ack of acks.values()) if (ack.stages.includes(stage) && !r.byCheck.some((g) => g.id === ack.id)) stale.push(`${ack.id} (${stage})`);
  }
  log('');
  for (const id of toFix) log(`to fix (listed in ADR 0021 as a gap): ${id}`);
  for (const id of stale) log(`note: ADR 0021 lists ${id} but it no longer fails there: update its row`);
  for (const [stage, r] of Object.entries(stages)) if (r && !r.synthesized) log(`note: stage ${stage} was not scanned: ${r.synthError}`);
  const ok = unacknowledged.length === 0;
  log(
    ok
      ? `OK: every failed check has its row in ${relative(ROOT, ADR)} (${Math.round((performance.now() - started) / 1000)} s)`
      : `NOT LISTED in ${relative(ROOT, ADR)}: ${unacknowledged.join(', ')} — fix the templates or add a row with the reason`,
  );
  if (out) log(`templates and checkov.json kept in ${work}/<stage>/`);
  if (json) {
    console.log(
      JSON.stringify({
        version,
        pinned: CHECKOV_VERSION,
        stages,
        unacknowledged,
        toFix,
        stale,
        ok,
        installMs,
        durationMs: Math.round(performance.now() - started),
      }),
    );
  }
  return ok ? 0 : 1;
}

if (require.main === module)
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`verify:checkov: ${(e as Error).stack ?? e}`);
      process.exit(2);
    },
  );
