/**
 * Fault scenarios on the real engines are jest tests (test/integration/*outage*, *fault* and *retry-dlq*: an
 * OpenSearch outage, a DynamoDB outage, an S3 outage, the indexer under Lambda's retries and its DLQ replay, a draft's
 * promotion cut between its writes), run here in the full profile with `--json`: one scenario per test file, and a
 * failed test about storage (stored, lost, dropped, exactly once, catches up, converges) counted as a lost document.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './runtime';

export interface FaultReport {
  ran: boolean;
  files: string[];
  scenarios: number;
  tests: number;
  failedTests: string[];
  documentsLost: number;
  /** One entry per scenario (test file): its tests, how many passed, and how long it took. */
  byFile: { file: string; tests: number; passed: number; durationMs: number; summary?: Record<string, unknown> }[];
  note?: string;
  durationMs: number;
}

/** The jest path pattern, and the same as a file name test. */
export const FAULT_PATTERN = 'outage|fault|retry-dlq';
const FAULT_FILE = new RegExp(`(${FAULT_PATTERN}).*\\.test\\.ts$`);

const STORAGE_TITLE = /stor|lost|lose|drop|exactly once|catch(es)? up|converge|throw nothing away|skip(s|ping)? (none|nothing)/i;

export function runFaults(options: { run: boolean; outFile: string }): FaultReport {
  const started = performance.now();
  const dir = join(ROOT, 'test', 'integration');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => FAULT_FILE.test(f)) : [];
  const base = { files, scenarios: 0, tests: 0, failedTests: [] as string[], documentsLost: 0, byFile: [] as FaultReport['byFile'] };
  if (files.length === 0)
    return {
      ...base,
      ran: false,
      note: 'no test/integration/*outage*|*fault*|*retry-dlq* test file yet: 0 scenarios',
      durationMs: Math.round(performance.now() - started),
    };
  if (!options.run)
    return { ...base, ran: false, note: `not run in this profile (${files.join(', ')}): the full profile runs them on the real engines`, durationMs: 0 };
  rmSync(options.outFile, { force: true });
  // Each scenario writes what happened (documents accepted, failed, retried, DLQ messages, …) into this folder.
  const summaries = join(dirname(options.outFile), 'fault-summaries');
  rmSync(summaries, { recursive: true, force: true });
  const r = spawnSync('npx', ['jest', '--selectProjects', 'engines', '--testPathPatterns', FAULT_PATTERN, '--json', '--outputFile', options.outFile], {
    cwd: ROOT,
    env: { ...process.env, CSDL_FAULT_REPORT_DIR: summaries },
    encoding: 'utf8',
    // Five scenarios on engines that start in about a minute: well within the full profile's 15 minutes.
    timeout: 900_000,
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
    testResults: {
      name: string;
      status: string;
      message: string;
      startTime?: number;
      endTime?: number;
      assertionResults: { fullName: string; status: string }[];
    }[];
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
    byFile: j.testResults.map((t) => ({
      file: t.name.split('/').pop() ?? t.name,
      tests: t.assertionResults.length,
      passed: t.assertionResults.filter((a) => a.status === 'passed').length,
      durationMs: t.endTime && t.startTime ? t.endTime - t.startTime : 0,
      ...summaryOf(join(summaries, `${t.name.split('/').pop()}.json`)),
    })),
    ...(brokenFiles.length ? { note: 'a fault test file failed to run: see failedTests' } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}

function summaryOf(file: string): { summary?: Record<string, unknown> } {
  try {
    return { summary: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> };
  } catch {
    return {};
  }
}
