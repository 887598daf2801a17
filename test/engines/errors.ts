import fs from 'node:fs';

const TAIL_LINES = 40;

/** Last lines of a log file, or '' when it does not exist. */
export function tailFile(file: string, lines = TAIL_LINES): string {
  try {
    // Strip ANSI colour codes (Maven's output has some even in batch mode).
    const text = fs
      .readFileSync(file, 'utf8')
      .replace(/\x1b\[[0-9;]*m/g, '')
      .trimEnd();
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * An engine could not be fetched or started. `message` starts with ONE line
 * `<Engine>: <why> — <how to fix>`; the tail of the engine's log follows when there is one.
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly summary: string;

  constructor(label: string, why: string, fix: string, logFile?: string) {
    const summary = `${label}: ${why} — ${fix}`;
    const tail = logFile ? tailFile(logFile) : '';
    super(tail ? `${summary}\n--- last lines of ${logFile} ---\n${tail}\n--- end of log ---` : summary);
    this.summary = summary;
  }
}
