/**
 * Versions, folders and timeouts shared by every engine module.
 * Only node built-ins here: this file is imported by the reaper too.
 */
import os from 'node:os';
import path from 'node:path';

export type EngineName = 'dynamodb' | 's3' | 'opensearch';
export const ALL_ENGINES: readonly EngineName[] = ['dynamodb', 's3', 'opensearch'];

/** Repository root (test/engines/ → ../..). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Git-ignored download cache; override with CSDL_ENGINES_CACHE (absolute path). */
export const CACHE_DIR = process.env.CSDL_ENGINES_CACHE ?? path.join(REPO_ROOT, '.cache', 'engines');
export const LOG_DIR = path.join(CACHE_DIR, 'logs');
/** One JSON file per live startEngines() call: lets the reaper or a later run kill leftovers. */
export const RUN_DIR = path.join(CACHE_DIR, 'run');
export const ENDPOINTS_FILE = path.join(CACHE_DIR, 'endpoints.json');
/** Parent of the per-run temp folders (data dirs, s3rver files, OpenSearch config). */
export const TMP_ROOT = os.tmpdir();

export const VERSIONS = {
  /** com.amazonaws:DynamoDBLocal — newest 2.x on Maven Central. */
  dynamodb: process.env.CSDL_DYNAMODB_LOCAL_VERSION ?? '2.6.1',
  /** org.opensearch.distribution.integ-test-zip:opensearch — newest 2.19.x on Maven Central. */
  opensearch: process.env.CSDL_OPENSEARCH_VERSION ?? '2.19.6',
  /** Pinned so the first fetch on a fresh ~/.m2 does not depend on Maven's old default plugin. */
  mavenDependencyPlugin: '3.8.1',
} as const;

/** Unprivileged account OpenSearch runs as when we are root (it refuses to run as root). */
export const ENGINE_USER = 'csdl-engines';

/** Environment variables stamped on every engine process, to find them again via /proc/<pid>/environ. */
export const MARKER_RUN_VAR = 'CSDL_ENGINES_RUN';
export const MARKER_ENGINE_VAR = 'CSDL_ENGINES_ENGINE';

const timeoutOverride = Number(process.env.CSDL_ENGINES_START_TIMEOUT_MS);
export function startTimeoutMs(defaultMs: number): number {
  return Number.isFinite(timeoutOverride) && timeoutOverride > 0 ? timeoutOverride : defaultMs;
}

export function progress(message: string): void {
  process.stderr.write(`[engines] ${message}\n`);
}
