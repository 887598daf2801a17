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

/**
 * Files a bundle carries beside its code. `print-fonts`: the three DejaVu Serif TrueType files the PDF of a
 * consolidated text embeds (functions/_shared/print-fonts.ts reads them from `fonts/` beside the bundle), about 1.1 MB.
 */
export const BUNDLE_ASSETS = {
  'print-fonts': {
    from: 'node_modules/dejavu-fonts-ttf/ttf',
    to: 'fonts',
    files: ['DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuSerif-Italic.ttf'],
  },
} as const;
export type BundleAsset = keyof typeof BUNDLE_ASSETS;

/** The bundling of a function that carries assets: NODEJS_BUNDLING plus a copy after esbuild (no Docker, no shell globbing). */
export function bundlingWith(assets: readonly BundleAsset[]): BundlingOptions {
  if (assets.length === 0) return NODEJS_BUNDLING;
  return {
    ...NODEJS_BUNDLING,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir: string, outputDir: string) =>
        assets.flatMap((a) => {
          const { from, to, files } = BUNDLE_ASSETS[a];
          const target = path.join(outputDir, to);
          return [`mkdir -p "${target}"`, ...files.map((f) => `cp "${path.join(inputDir, from, f)}" "${target}/"`)];
        }),
    },
  };
}
