/**
 * Run records: one JSON file per live startEngines() call in .cache/engines/run/, naming the
 * owner process and the temp folder. The reaper (reaper.ts) and any later run use them to
 * kill the engines and delete the temp folder of an owner that died without stopping them
 * (e.g. jest killed with SIGKILL). Only node built-ins: the reaper imports this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type EngineName, progress, RUN_DIR } from './config';
import { isAlive, killTree, processStartTime } from './process';

export interface RunRecord {
  runId: string;
  ownerPid: number;
  /** /proc start time of the owner, so a recycled pid is not mistaken for it. */
  ownerStartTime?: string;
  /** Temp folder holding every engine's work dir; deleted with the run. */
  baseDir: string;
  engines: Partial<Record<EngineName, { pid: number; port: number }>>;
}

export function runFileFor(runId: string): string {
  return path.join(RUN_DIR, `${runId}.json`);
}

export function writeRunRecord(record: RunRecord): void {
  fs.mkdirSync(RUN_DIR, { recursive: true });
  const file = runFileFor(record.runId);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`);
  fs.renameSync(tmp, file); // atomic: readers never see half a record
}

export function readRunRecord(file: string): RunRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as RunRecord;
  } catch {
    return undefined;
  }
}

export function ownerAlive(record: RunRecord): boolean {
  if (!isAlive(record.ownerPid)) return false;
  const start = processStartTime(record.ownerPid);
  return record.ownerStartTime === undefined || start === undefined || start === record.ownerStartTime;
}

/** Kill every process of the run (found by its marker), delete its temp folder and record. */
export async function cleanupRun(record: RunRecord): Promise<void> {
  await killTree(undefined, { runId: record.runId });
  fs.rmSync(record.baseDir, { recursive: true, force: true, maxRetries: 3 });
  fs.rmSync(runFileFor(record.runId), { force: true });
}

/** Clean up after runs whose owner process is gone. */
export async function cleanupStaleRuns(): Promise<void> {
  let files: string[];
  try {
    files = fs.readdirSync(RUN_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return;
  }
  for (const f of files) {
    const record = readRunRecord(path.join(RUN_DIR, f));
    if (!record || ownerAlive(record)) continue;
    progress(`cleaning up engines left over by dead process ${record.ownerPid} (run ${record.runId})`);
    await cleanupRun(record);
  }
}
