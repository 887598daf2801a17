/**
 * Child-process helpers: PATH lookup, detached spawning into a log file, killing a whole
 * process tree. Engines are spawned `detached` so each is the leader of its own process
 * group (pgid === pid); killing `-pid` reaches every descendant. As a safety net (a wrapper
 * script may fork), every engine process carries marker environment variables, and on Linux
 * /proc is scanned for them.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MARKER_ENGINE_VAR, MARKER_RUN_VAR } from './config';

export interface SpawnSpec {
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  /** Run as this (unprivileged) user via setpriv; only used when we are root. */
  runAs?: { uid: number; gid: number };
}

export interface Marker {
  runId: string;
  engine: string;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export interface Spawned {
  pid: number;
  child: ChildProcess;
  /** Settles when the process has exited (or could not be spawned at all). */
  exited: Promise<ExitInfo>;
  /** How it exited, or undefined while it runs. */
  exitInfo(): ExitInfo | undefined;
}

/** Absolute path of an executable found on PATH, or undefined. */
export function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Spawn detached (own process group), stdout+stderr appended to logFile, marker vars in env. */
export function spawnLogged(spec: SpawnSpec, logFile: string, marker: Marker): Spawned {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = fs.openSync(logFile, 'a');
  let command = spec.command;
  let args = spec.args;
  if (spec.runAs) {
    // setpriv execs in place (same pid, same process group), unlike su/runuser which fork.
    args = [`--reuid=${spec.runAs.uid}`, `--regid=${spec.runAs.gid}`, '--init-groups', '--', command, ...args];
    command = 'setpriv';
  }
  const env = { ...process.env, ...spec.env, [MARKER_RUN_VAR]: marker.runId, [MARKER_ENGINE_VAR]: marker.engine };
  let child: ChildProcess;
  try {
    child = spawn(command, args, { cwd: spec.cwd, env, stdio: ['ignore', fd, fd], detached: true });
  } finally {
    fs.closeSync(fd);
  }
  let info: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    const settle = (result: ExitInfo) => {
      info ??= result; // 'error' may follow 'exit' (or vice versa): the first one wins
      resolve(info);
    };
    child.once('error', (error) => settle({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => settle({ code, signal }));
  });
  // Do not keep the owner's event loop alive just because an engine runs.
  child.unref();
  return { pid: child.pid ?? -1, child, exited, exitInfo: () => info };
}

export function describeExit(info: ExitInfo): string {
  if (info.error) return `could not be spawned (${info.error.message})`;
  return info.signal ? `exited on ${info.signal}` : `exited with code ${info.code}`;
}

/** Run a command synchronously; returns exit status and combined output. */
export function runSync(command: string, args: string[]): { ok: boolean; output: string } {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}`.trim() };
}

export function isAlive(pid: number): boolean {
  if (!(pid > 0)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function groupAlive(pgid: number): boolean {
  if (!(pgid > 1)) return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Linux: start time (clock ticks since boot) of a pid, to tell a pid apart from a recycled one. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) may contain spaces, so count from the closing paren.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Linux: pids whose environment carries the marker (all engines of the run if engine is omitted). */
export function markedPids(runId: string, engine?: string): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const runEntry = `${MARKER_RUN_VAR}=${runId}`;
  const engineEntry = engine === undefined ? undefined : `${MARKER_ENGINE_VAR}=${engine}`;
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    let vars: string[];
    try {
      vars = fs.readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0');
    } catch {
      continue; // exited meanwhile, or not ours to read
    }
    if (vars.includes(runEntry) && (engineEntry === undefined || vars.includes(engineEntry))) pids.push(pid);
  }
  return pids;
}

type TreeMarker = Partial<Marker> & { runId: string };

function treeAlive(pgid: number | undefined, marker: TreeMarker): boolean {
  return (pgid !== undefined && groupAlive(pgid)) || markedPids(marker.runId, marker.engine).length > 0;
}

function signalTree(pgid: number | undefined, marker: TreeMarker, sig: NodeJS.Signals): boolean {
  let any = false;
  if (pgid !== undefined && groupAlive(pgid)) {
    signal(-pgid, sig);
    any = true;
  }
  for (const pid of markedPids(marker.runId, marker.engine)) {
    signal(pid, sig);
    any = true;
  }
  return any;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SIGTERM the process group and every marked process, wait up to graceMs, then SIGKILL
 * (graceMs 0: SIGKILL at once, like a crash). Resolves once nothing is left (or after a
 * further 10 s, which would be a kernel-level hang). Pass pgid only for a process we spawned
 * ourselves (a recorded pid may have been recycled).
 */
export async function killTree(pgid: number | undefined, marker: TreeMarker, graceMs = 10_000): Promise<void> {
  if (!signalTree(pgid, marker, graceMs > 0 ? 'SIGTERM' : 'SIGKILL')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(100);
    if (!treeAlive(pgid, marker)) return;
  }
  signalTree(pgid, marker, 'SIGKILL');
  const hardDeadline = Date.now() + 10_000;
  while (Date.now() < hardDeadline && treeAlive(pgid, marker)) await sleep(100);
}

/** Synchronous SIGKILL of a tree: for process 'exit' and signal handlers, where nothing async runs. */
export function killTreeSync(pgid: number | undefined, marker: TreeMarker): void {
  signalTree(pgid, marker, 'SIGKILL');
}
