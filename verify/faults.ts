/**
 * Fault scenarios on the real engines are jest tests (test/integration/*outage* and *fault*), run here in the full
 * profile with `--json`: one scenario per test file, and a failed test about storage (stored, lost, dropped, exactly
 * once, catches up) counted as a lost document.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './runtime';

export interface FaultReport {
  ran: boolean;
  files: string[];
  scenarios: number;
  tests: number;
  failedTests: string[];
  documentsLost: number;
  note?: string;
  durationMs: number;
}

const STORAGE_TITLE = /stor|lost|lose|drop|exactly once|catch(es)? up|converge|throw nothing away/i;

export function runFaults(options: { run: boolean; outFile: string }): FaultReport {
  const started = performance.now();
  const dir = join(ROOT, 'test', 'integration');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /(outage|fault).*\.test\.ts$/.test(f)) : [];
  const base = { files, scenarios: 0, tests: 0, failedTests: [] as string[], documentsLost: 0 };
  if (files.length === 0)
    return {
      ...base,
      ran: false,
      note: 'no test/integration/*outage*|*fault* test file yet: 0 scenarios',
      durationMs: Math.round(performance.now() - started),
    };
  if (!options.run)
    return { ...base, ran: false, note: `not run in this profile (${files.join(', ')}): the full profile runs them on the real engines`, durationMs: 0 };
  rmSync(options.outFile, { force: true });
  const r = spawnSync('npx', ['jest', '--selectProjects', 'engines', '--testPathPatterns', 'outage|fault', '--json', '--outputFile', options.outFile], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!existsSync(options.outFile))
    return {
      ...base,
      ran: false,
      note: `jest wrote no JSON (exit ${r.status}): ${(r.stderr || '').slice(-800)}`,
      durationMs: Math.round(performance.now() - started),
    };
  const j = JSON.parse(readFileSync(options.outFile, 'utf8')) as {
    numTotalTests: number;
    testResults: { name: string; status: string; message: string; assertionResults: { fullName: string; status: string }[] }[];
  };
  const failed = j.testResults.flatMap((t) => t.assertionResults.filter((a) => a.status === 'failed').map((a) => a.fullName));
  const brokenFiles = j.testResults.filter((t) => t.status === 'failed' && t.assertionResults.every((a) => a.status !== 'failed'));
  return {
    ran: true,
    files,
    scenarios: j.testResults.length,
    tests: j.numTotalTests,
    failedTests: [...failed, ...brokenFiles.map((t) => `${t.name}: ${t.message.slice(0, 300)}`)],
    documentsLost: failed.filter((f) => STORAGE_TITLE.test(f)).length,
    ...(brokenFiles.length ? { note: 'a fault test file failed to run: see failedTests' } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}
