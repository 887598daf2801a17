/**
 * `npm run --silent bench -- NAME [--json] [--rounds N]`: benchmarks on the real corpus, each with a baseline
 * measured in the same run (this machine is shared and noisy: compare ratios and medians, not absolute times).
 * The last line of stdout is one JSON object.
 */
import { parseArgs } from 'node:util';
import { BENCHMARKS } from './benchmarks';
import { exportBench } from './export';
import { qaBench } from './qa';
import { searchBench } from './search';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      corpus: { type: 'string' },
      engine: { type: 'string' },
      queries: { type: 'string' },
      opensearch: { type: 'string' },
      data: { type: 'string' },
      qa: { type: 'string' },
      at: { type: 'string' },
    },
  });
  if (positionals[0] === 'search') {
    const engine = values.engine ?? 'sqlite';
    const queries = values.queries ? Number(values.queries) : 1200;
    if (engine !== 'sqlite' && engine !== 'opensearch') {
      console.error('bench search: --engine must be sqlite or opensearch');
      return 2;
    }
    if (!Number.isInteger(queries) || queries < 10 || queries > 100_000) {
      console.error('bench search: --queries must be a whole number from 10 to 100000');
      return 2;
    }
    const result = await searchBench({
      engine,
      queries,
      ...(values.corpus ? { corpus: values.corpus } : {}),
      ...(values.opensearch ? { opensearchUrl: values.opensearch } : {}),
      ...(values.data ? { data: values.data } : {}),
      log: (l) => !values.json && console.error(l),
    });
    if (!values.json) for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(20)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
    console.log(JSON.stringify(result));
    return 0;
  }
  if (positionals[0] === 'qa') {
    const engine = values.engine ?? 'sqlite';
    if (engine !== 'sqlite' && engine !== 'opensearch') {
      console.error('bench qa: --engine must be sqlite or opensearch');
      return 2;
    }
    if (values.at && !/^\d{4}-\d{2}-\d{2}$/.test(values.at)) {
      console.error('bench qa: --at must be a date (YYYY-MM-DD)');
      return 2;
    }
    const result = await qaBench({
      engine,
      ...(values.corpus ? { corpus: values.corpus } : {}),
      ...(values.qa ? { qa: values.qa } : {}),
      ...(values.opensearch ? { opensearchUrl: values.opensearch } : {}),
      ...(values.data ? { data: values.data } : {}),
      ...(values.at ? { at: values.at } : {}),
      log: (l) => !values.json && console.error(l),
    });
    if (!values.json) for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(20)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
    console.log(JSON.stringify(result));
    return 0;
  }
  if (positionals[0] === 'export') {
    const result = await exportBench({ ...(values.data ? { data: values.data } : {}), log: (l) => !values.json && console.error(l) });
    if (!values.json) for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(20)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
    console.log(JSON.stringify(result));
    return 0;
  }
  const name = positionals[0];
  const bench = name ? BENCHMARKS[name] : undefined;
  if (!bench) {
    console.error(
      `usage: npm run --silent bench -- NAME [--json] [--rounds N] [--corpus DIR]\nbenchmarks: ${[...Object.keys(BENCHMARKS), 'search [--engine sqlite|opensearch] [--queries N] [--data DIR]', 'qa [--engine sqlite|opensearch] [--data DIR] [--qa FILE] [--at DATE]', 'export [--data DIR]'].join(', ')}`,
    );
    return 2;
  }
  const rounds = values.rounds ? Number(values.rounds) : 3;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) {
    console.error('bench: --rounds must be a whole number from 1 to 50');
    return 2;
  }
  const result = await bench({ rounds, ...(values.corpus ? { corpus: values.corpus } : {}), log: (l) => !values.json && console.error(l) });
  if (!values.json) for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(20)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  console.log(JSON.stringify(result));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`bench: ${(e as Error).stack ?? e}`);
    process.exitCode = 1;
  },
);
