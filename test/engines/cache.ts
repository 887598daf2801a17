/**
 * The git-ignored download cache (.cache/engines): atomic, idempotent installs and a
 * cross-process lock so two runs never fetch into it (or into ~/.m2) at the same time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CACHE_DIR, progress } from './config';
import { isAlive } from './process';

const DONE_FILE = '.installed';

export function isInstalled(dir: string): boolean {
  return fs.existsSync(path.join(dir, DONE_FILE));
}

/**
 * Build `finalDir` unless it is installed (and `isComplete`): `build(stagingDir)` must create and fill
 * stagingDir, which is then renamed into place, so a crash never leaves a half-installed folder.
 * Returns false when it was already installed.
 */
export async function installOnce(
  finalDir: string,
  build: (stagingDir: string) => Promise<void>,
  isComplete: (dir: string) => boolean = isInstalled,
): Promise<boolean> {
  if (isInstalled(finalDir) && isComplete(finalDir)) return false;
  const staging = `${finalDir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    await build(staging);
    fs.writeFileSync(path.join(staging, DONE_FILE), `${new Date().toISOString()}\n`);
    fs.rmSync(finalDir, { recursive: true, force: true });
    fs.renameSync(staging, finalDir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return true;
}

const LOCK_FILE = path.join(CACHE_DIR, 'fetch.lock');

/** Run fn while holding .cache/engines/fetch.lock (waits for a live holder, takes over a dead one's). */
export async function withFetchLock<T>(fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(LOCK_FILE, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let raw = '';
      try {
        raw = fs.readFileSync(LOCK_FILE, 'utf8').trim();
      } catch {
        continue; // released meanwhile
      }
      const holder = Number(raw);
      if (holder === process.pid) return fn(); // re-entrant within one process
      const emptyAndOld = !raw && Date.now() - (fs.statSync(LOCK_FILE, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 10_000;
      if ((raw && !isAlive(holder)) || emptyAndOld) {
        fs.rmSync(LOCK_FILE, { force: true });
        continue;
      }
      if (!told) progress(`waiting for another fetch (pid ${holder}) to finish…`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK_FILE, { force: true });
  }
}
