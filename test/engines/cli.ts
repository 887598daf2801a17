/**
 * npx tsx test/engines/cli.ts fetch [engine…]   download what is missing into .cache/engines
 * npx tsx test/engines/cli.ts start [engine…]   start, print the endpoints JSON, run until Ctrl-C
 * (`node test/engines/cli.mjs …` is the same without tsx on the command line.)
 */
import { ALL_ENGINES, type EngineName } from './config';
import { fetchEngines, startEngines, writeEndpointsFile } from './index';

const USAGE = `usage: cli.ts fetch|start [${ALL_ENGINES.join('|')} …]`;

function parseEngines(args: string[]): EngineName[] {
  for (const a of args) {
    if (!(ALL_ENGINES as readonly string[]).includes(a)) throw new Error(`unknown engine "${a}"\n${USAGE}`);
  }
  return args.length > 0 ? (args as EngineName[]) : [...ALL_ENGINES];
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const names = parseEngines(rest);
  if (command === 'fetch') {
    await fetchEngines(names);
    return;
  }
  if (command === 'start') {
    const running = await startEngines(names);
    const file = writeEndpointsFile(running.endpoints);
    process.stdout.write(`${JSON.stringify(running.endpoints, null, 2)}\n`);
    process.stderr.write(`[engines] endpoints written to ${file}; press Ctrl-C to stop\n`);
    // Engines are unref'd children: keep the process alive until a signal arrives. (The hooks
    // installed by startEngines() have already killed the engines by the time this runs.)
    const keepAlive = setInterval(() => {}, 1 << 30);
    const shutdown = (signal: NodeJS.Signals) => {
      clearInterval(keepAlive);
      void running.stop().then(() => {
        process.stderr.write(`[engines] stopped (${signal})\n`);
        process.exit(0);
      });
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    return;
  }
  throw new Error(USAGE);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
