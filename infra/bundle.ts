/**
 * Bundles every function exactly as `cdk synth` does (same esbuild options, from infra/bundling.ts) into
 * dist/functions/<name>/index.js and prints each bundle's size, so sizes can be checked without a synth.
 *
 *   npx tsx infra/bundle.ts            # all functions
 *   npx tsx infra/bundle.ts search     # some
 *
 * Prints, per function: minified size, gzip size (close to the deployed zip), source map size, and the packages that
 * weigh most in the bundle. Exits non-zero if a handler is missing or does not bundle.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { BACKGROUND_FUNCTIONS, FUNCTIONS } from '../schemas/routes';
import { ESBUILD_TARGET, EXTERNAL_MODULES, functionEntry, REPO_ROOT } from './bundling';

const OUT_ROOT = path.join(REPO_ROOT, 'dist', 'functions');

/** Mirrors infra/bundling.ts NODEJS_BUNDLING as NodejsFunction turns it into esbuild flags. */
export function esbuildOptions(name: string): BuildOptions {
  return {
    entryPoints: [functionEntry(name)],
    outfile: path.join(OUT_ROOT, name, 'index.js'),
    bundle: true,
    platform: 'node',
    target: ESBUILD_TARGET,
    format: 'cjs',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    charset: 'utf8',
    external: EXTERNAL_MODULES,
    logLevel: 'warning',
    metafile: true,
    absWorkingDir: REPO_ROOT,
  };
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Bytes in the output per npm package (or `(project)` for our own files). */
function heaviestPackages(metafile: Metafile, top = 4): string {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const key = match?.[1] ?? '(project)';
      byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([pkg, bytes]) => `${pkg} ${kib(bytes)}`)
    .join(', ');
}

async function main(): Promise<void> {
  const all: string[] = [...FUNCTIONS, ...BACKGROUND_FUNCTIONS];
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !all.includes(name));
  if (unknown.length > 0) throw new Error(`unknown function(s): ${unknown.join(', ')} (known: ${all.join(', ')})`);
  const names = requested.length > 0 ? requested : all;

  const rows: string[][] = [['function', 'index.js', 'gzip', 'map', 'heaviest packages']];
  let failed = false;
  for (const name of names) {
    const options = esbuildOptions(name);
    if (!fs.existsSync(functionEntry(name))) {
      console.error(`${name}: ${path.relative(REPO_ROOT, functionEntry(name))} is missing`);
      failed = true;
      continue;
    }
    try {
      const result = await build(options);
      const outfile = options.outfile as string;
      const code = fs.readFileSync(outfile);
      rows.push([
        name,
        kib(code.length),
        kib(zlib.gzipSync(code, { level: 9 }).length),
        kib(fs.statSync(`${outfile}.map`).size),
        result.metafile ? heaviestPackages(result.metafile) : '',
      ]);
    } catch (error) {
      console.error(`${name}: ${(error as Error).message}`);
      failed = true;
    }
  }

  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const row of rows)
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  console.log(`\nbundles in ${path.relative(process.cwd(), OUT_ROOT) || '.'}/<name>/index.js`);
  if (failed) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
