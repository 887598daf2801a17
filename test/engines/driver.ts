import type { EngineName } from './config';
import type { SpawnSpec } from './process';

export interface LaunchContext {
  /** Port on 127.0.0.1; the same on every restart of the engine within a run. */
  port: number;
  /** This engine's folder inside the run's temp folder; kept across restarts, deleted by stop(). */
  workDir: string;
  /** True for the first start of a run, false for restartEngine(). */
  firstStart: boolean;
}

/** What each engine module provides; index.ts does the spawning, waiting and stopping. */
export interface EngineDriver {
  readonly name: EngineName;
  /** Used as the first word of every error line, e.g. "OpenSearch". */
  readonly label: string;
  readonly version: string;
  readonly startTimeoutMs: number;
  /** Appended to "did not become healthy"/"exited during startup" errors. */
  readonly startFix: string;
  /** Download/install when missing; idempotent and quick when already cached. */
  fetch(): Promise<void>;
  /** The command line for one start (may prepare files in workDir). */
  launch(ctx: LaunchContext): Promise<SpawnSpec>;
  /** One health probe; resolves true when the engine serves requests. */
  probe(endpoint: string): Promise<boolean>;
}
