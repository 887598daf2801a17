/**
 * Real engines on 127.0.0.1 for integration tests and benchmarks: DynamoDB Local, s3rver
 * and a single-node OpenSearch. fetchEngines() downloads into .cache/engines (idempotent);
 * startEngines() starts them in parallel on free ports and returns their endpoints and a
 * stop handle. Engines never outlive their owner: exit/signal hooks kill them, and a
 * detached reaper process (reaper.ts) cleans up if the owner is killed outright.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { withFetchLock } from './cache';
import { ALL_ENGINES, ENDPOINTS_FILE, type EngineName, LOG_DIR, progress, REPO_ROOT, TMP_ROOT } from './config';
import type { EngineDriver } from './driver';
import { dynamodb } from './dynamodb';
import { EngineError } from './errors';
import { freePort, urlFor, waitUntil } from './net';
import { opensearch } from './opensearch';
import { describeExit, killTree, killTreeSync, processStartTime, type Spawned, spawnLogged } from './process';
import { cleanupStaleRuns, type RunRecord, runFileFor, writeRunRecord } from './runs';
import { s3 } from './s3';

export type { EngineName } from './config';
export { EngineError } from './errors';
export { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb';

export interface EngineEndpoints {
  dynamodb?: string;
  s3?: string;
  opensearch?: string;
  /** Milliseconds from launch to first healthy probe, per engine (first start of the run). */
  startMs: Partial<Record<EngineName, number>>;
}

export interface RunningEngines {
  endpoints: EngineEndpoints;
  /** Stamped on every engine process as CSDL_ENGINES_RUN=<runId> (see process.ts markedPids). */
  runId: string;
  /** Stop every engine (whole process trees) and delete the run's temp folders. */
  stop(): Promise<void>;
  /** Stop one engine (SIGTERM, SIGKILL after a grace period; `{ hard: true }`: SIGKILL at once). Its data folder is kept. */
  stopEngine(name: EngineName, opts?: { hard?: boolean }): Promise<void>;
  /**
   * (Re)start one engine on the SAME port. OpenSearch and s3rver keep their data folders;
   * DynamoDB Local runs -inMemory, so every table is lost across a restart.
   */
  restartEngine(name: EngineName): Promise<void>;
}

const DRIVERS: Record<EngineName, EngineDriver> = { dynamodb, s3, opensearch };

/** Download whatever is missing into .cache/engines (and ~/.m2). Safe to call repeatedly. */
export async function fetchEngines(names: readonly EngineName[] = ALL_ENGINES): Promise<void> {
  await withFetchLock(async () => {
    for (const name of names) await DRIVERS[name].fetch();
  });
}

/** Fetch if needed, then start the engines in parallel and wait until each is healthy. */
export async function startEngines(names: readonly EngineName[] = ALL_ENGINES): Promise<RunningEngines> {
  await fetchEngines(names);
  await cleanupStaleRuns();
  const run = new Run();
  progress(`starting ${names.map((n) => `${DRIVERS[n].label} ${DRIVERS[n].version}`).join(', ')}…`);
  // Fail fast: the first failure stops the engines still starting (they end with StartCancelled).
  const failures: unknown[] = [];
  await Promise.all(
    names.map((name) =>
      run.start(name).catch(async (err: unknown) => {
        if (!(err instanceof StartCancelled)) failures.push(err);
        await run.stopAll();
      }),
    ),
  );
  if (failures.length > 0) {
    if (failures.length === 1) throw failures[0];
    throw new Error(failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n\n'));
  }
  return {
    endpoints: run.endpoints,
    runId: run.runId,
    stop: () => run.stopAll(),
    stopEngine: (name, opts) => run.stop(name, opts?.hard ?? false),
    restartEngine: (name) => run.restart(name),
  };
}

/** Write .cache/engines/endpoints.json (for scripts and benchmarks). Returns its path. */
export function writeEndpointsFile(endpoints: EngineEndpoints): string {
  fs.mkdirSync(path.dirname(ENDPOINTS_FILE), { recursive: true });
  fs.writeFileSync(ENDPOINTS_FILE, `${JSON.stringify({ ...endpoints, ownerPid: process.pid }, null, 2)}\n`);
  return ENDPOINTS_FILE;
}

class StartCancelled extends Error {}

interface EngineState {
  driver: EngineDriver;
  port: number;
  workDir: string;
  logFile: string;
  proc?: Spawned;
  stopping: boolean;
}

/** One startEngines() call: its temp folder, run record, reaper and engines. */
class Run {
  readonly runId = `${process.pid}-${Date.now().toString(36)}`;
  readonly baseDir: string;
  /** Logs outlive the run (for post-mortems); restarts append to the same file. */
  readonly logDir = path.join(LOG_DIR, 'runs', this.runId);
  readonly endpoints: EngineEndpoints = { startMs: {} };
  private readonly engines = new Map<EngineName, EngineState>();
  private stopped = false;
  private stopAllPromise: Promise<void> | undefined;

  constructor() {
    this.baseDir = fs.mkdtempSync(path.join(TMP_ROOT, 'csdl-engines-'));
    fs.chmodSync(this.baseDir, 0o755); // OpenSearch's unprivileged user must reach its work dir
    pruneOldLogs();
    fs.mkdirSync(this.logDir, { recursive: true });
    this.writeRecord();
    spawnReaper(runFileFor(this.runId));
    activeRuns.add(this);
    installExitHooks();
  }

  async start(name: EngineName): Promise<void> {
    const driver = DRIVERS[name];
    const state: EngineState = {
      driver,
      port: await freePort(),
      workDir: path.join(this.baseDir, name),
      logFile: path.join(this.logDir, `${name}.log`),
      stopping: false,
    };
    fs.mkdirSync(state.workDir, { recursive: true });
    this.engines.set(name, state);
    const ms = await this.launch(state, true);
    this.endpoints[name] = urlFor(state.port);
    this.endpoints.startMs[name] = ms;
    progress(`${driver.label} ready at ${urlFor(state.port)} in ${ms} ms (log: ${state.logFile})`);
  }

  async restart(name: EngineName): Promise<void> {
    if (this.stopped) throw new Error('engines already stopped');
    const state = this.stateOf(name);
    await this.stop(name, false);
    const ms = await this.launch(state, false);
    progress(`${state.driver.label} restarted at ${urlFor(state.port)} in ${ms} ms`);
  }

  async stop(name: EngineName, hard: boolean): Promise<void> {
    const state = this.stateOf(name);
    const proc = state.proc;
    if (!proc) return;
    state.stopping = true;
    await killTree(proc.pid, { runId: this.runId, engine: name }, hard ? 0 : 10_000);
    await proc.exited;
    state.proc = undefined;
    state.stopping = false;
    this.writeRecord();
  }

  stopAll(): Promise<void> {
    this.stopped = true;
    this.stopAllPromise ??= this.doStopAll();
    return this.stopAllPromise;
  }

  private async doStopAll(): Promise<void> {
    await Promise.all([...this.engines.keys()].map((name) => this.stop(name, false)));
    await killTree(undefined, { runId: this.runId }); // anything a wrapper may have left behind
    fs.rmSync(this.baseDir, { recursive: true, force: true, maxRetries: 3 });
    fs.rmSync(runFileFor(this.runId), { force: true }); // tells the reaper to exit
    activeRuns.delete(this);
    if (activeRuns.size === 0) removeExitHooks();
  }

  /** SIGKILL everything now; for exit/signal hooks. The reaper deletes the temp folder. */
  killAllSync(): void {
    for (const [name, state] of this.engines) killTreeSync(state.proc?.pid, { runId: this.runId, engine: name });
  }

  /** Spawn and wait until healthy; returns the start time in ms. Throws a one-line EngineError. */
  private async launch(state: EngineState, firstStart: boolean): Promise<number> {
    const { driver, port } = state;
    const started = performance.now();
    if (this.stopped) throw new StartCancelled(driver.label);
    const spec = await driver.launch({ port, workDir: state.workDir, firstStart });
    if (this.stopped) throw new StartCancelled(driver.label);
    fs.appendFileSync(state.logFile, `=== ${new Date().toISOString()} $ ${spec.command} ${spec.args.join(' ')}\n`);
    const proc = spawnLogged(spec, state.logFile, { runId: this.runId, engine: driver.name });
    state.proc = proc;
    this.writeRecord();
    const failure = await waitUntil(() => driver.probe(urlFor(port)), {
      timeoutMs: driver.startTimeoutMs,
      abort: () => {
        if (this.stopped) return 'cancelled';
        const info = proc.exitInfo();
        return info && `process ${describeExit(info)} during startup`;
      },
    });
    if (failure && this.stopped) {
      await killTree(proc.pid, { runId: this.runId, engine: driver.name }, 0);
      throw new StartCancelled(driver.label);
    }
    if (failure) {
      await killTree(proc.pid, { runId: this.runId, engine: driver.name }, 2_000);
      state.proc = undefined;
      throw new EngineError(driver.label, `${failure} (port ${port})`, driver.startFix, state.logFile);
    }
    void proc.exited.then((info) => {
      if (state.proc === proc && !state.stopping && !this.stopped) {
        progress(`WARNING: ${driver.label} ${describeExit(info)} unexpectedly; see ${state.logFile}`);
      }
    });
    return Math.round(performance.now() - started);
  }

  private stateOf(name: EngineName): EngineState {
    const state = this.engines.get(name);
    if (!state) throw new Error(`engine ${name} was not started in this run`);
    return state;
  }

  private writeRecord(): void {
    const record: RunRecord = { runId: this.runId, ownerPid: process.pid, baseDir: this.baseDir, engines: {} };
    const start = processStartTime(process.pid);
    if (start !== undefined) record.ownerStartTime = start;
    for (const [name, state] of this.engines) {
      if (state.proc) record.engines[name] = { pid: state.proc.pid, port: state.port };
    }
    writeRunRecord(record);
  }
}

const KEPT_RUN_LOGS = 10;

/** Keep the logs of the most recent runs only. */
function pruneOldLogs(): void {
  const root = path.join(LOG_DIR, 'runs');
  let dirs: { dir: string; mtime: number }[];
  try {
    dirs = fs.readdirSync(root).map((d) => ({ dir: path.join(root, d), mtime: fs.statSync(path.join(root, d)).mtimeMs }));
  } catch {
    return;
  }
  dirs.sort((a, b) => b.mtime - a.mtime);
  for (const { dir } of dirs.slice(KEPT_RUN_LOGS - 1)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Detached watchdog: cleans up the run if this process dies without stopping it. */
function spawnReaper(runFile: string): void {
  const warn = (why: string) => progress(`WARNING: no engines reaper (${why}); a killed owner leaves engines until the next run`);
  let tsxLoader: string;
  try {
    tsxLoader = pathToFileURL(createRequire(path.join(REPO_ROOT, 'package.json')).resolve('tsx')).href;
  } catch {
    warn('tsx is not installed');
    return;
  }
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(__dirname, 'reaper.ts'), runFile], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: 'ignore',
  });
  child.on('error', (err) => warn(err.message));
  child.unref();
}

const activeRuns = new Set<Run>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let hooksInstalled = false;

function killAllRunsSync(): void {
  for (const run of activeRuns) run.killAllSync();
}

function onSignal(signal: NodeJS.Signals): void {
  killAllRunsSync();
  // Only we were listening: restore the default action (terminate) and re-raise.
  const aloneWithDefault = process.listenerCount(signal) === 1;
  removeExitHooks();
  if (aloneWithDefault) process.kill(process.pid, signal);
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllRunsSync);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function removeExitHooks(): void {
  if (!hooksInstalled) return;
  hooksInstalled = false;
  process.removeListener('exit', killAllRunsSync);
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}
