/**
 * Watchdog spawned (detached) by startEngines(): `node --import tsx reaper.ts <run file>`.
 * Exits quietly once the run file is gone (normal stop). If the owner process dies first
 * (SIGKILL, crash), it kills the run's engines and deletes the run's temp folder.
 */
import { cleanupRun, ownerAlive, readRunRecord } from './runs';

const POLL_MS = 1_000;

async function main(runFile: string): Promise<void> {
  for (;;) {
    const record = readRunRecord(runFile);
    if (!record) return;
    if (!ownerAlive(record)) {
      await cleanupRun(record);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const runFile = process.argv[2];
if (!runFile) {
  process.stderr.write('usage: reaper.ts <run file>\n');
  process.exit(2);
}
main(runFile).catch((err: unknown) => {
  process.stderr.write(`reaper: ${String(err)}\n`);
  process.exit(1);
});
