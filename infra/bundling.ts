/**
 * The one description of how a function is bundled, shared by the NodejsFunction construct (cdk synth/deploy) and
 * infra/bundle.ts (size checks without synth), so both produce the same bytes.
 */
import * as path from 'node:path';
import { type BundlingOptions, Charset, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

export const REPO_ROOT = path.resolve(__dirname, '..');

/** `functions/<name>/handler.ts`, exporting `handler`. */
export function functionEntry(name: string): string {
  return path.join(REPO_ROOT, 'functions', name, 'handler.ts');
}

/** Node 22 syntax: the Lambda runtime and the project's own Node (the `node` devDependency: local runtime, tests, CI). */
export const ESBUILD_TARGET = 'node22';

/**
 * better-sqlite3 is the embedded adapter's native module; no Lambda code path loads it. Everything else, including
 * the AWS SDK v3 clients, is bundled so the deployed SDK is the one package-lock.json pins.
 */
export const EXTERNAL_MODULES = ['better-sqlite3'];

export const NODEJS_BUNDLING: BundlingOptions = {
  target: ESBUILD_TARGET,
  format: OutputFormat.CJS,
  minify: true,
  sourceMap: true,
  // Line mapping without embedding every source file: smaller zips, same stack traces.
  sourcesContent: false,
  // Vietnamese text stays UTF-8 instead of \uXXXX escapes (smaller, greppable).
  charset: Charset.UTF8,
  externalModules: EXTERNAL_MODULES,
  // Sizes are printed by infra/bundle.ts; synth shows only esbuild warnings and errors.
  logLevel: LogLevel.WARNING,
  // Never Docker: esbuild from node_modules must be used (there is no Docker on the build machines).
  forceDockerBundling: false,
};
