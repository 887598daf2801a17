/**
 * `npm run verify:robustness -- [--json] [--profile ci|full] [--seed N]`: runs verify/run.ts and prints one JSON
 * object as the last line of stdout (with --json, the only line: progress goes to stderr). Exit 1 when anything was
 * found (crash, 5xx, schema or auth violation, lost document or update, a slow 1 MB line, a failed security check).
 */
import { type Profile, runRobustness } from './run';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const at = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const profile = (at('--profile') ?? 'ci') as Profile;
  if (profile !== 'ci' && profile !== 'full') {
    console.error('verify: --profile is ci or full');
    process.exit(2);
  }
  const seed = at('--seed') ? Number(at('--seed')) : undefined;
  process.env.LOG_LEVEL ??= 'ERROR';
  const result = await runRobustness({ profile, seed, log: (l) => (json ? console.error(l) : console.log(l)) });
  if (!json) {
    console.log(`\n${result.ok ? 'OK' : 'FOUND PROBLEMS'}: profile ${profile}, ${result.durationS} s, seed ${result.seed}`);
    for (const n of result.notes) console.log(`note: ${n}`);
  }
  console.log(JSON.stringify(result));
  process.exit(result.ok ? 0 : 1);
}

main().catch((e) => {
  // fetch's "fetch failed" says why only in its cause (ECONNRESET, ECONNREFUSED, a timeout).
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  console.error(`verify: ${(e as Error).stack ?? e}${cause ? `\ncaused by: ${cause.code ?? ''} ${cause.message ?? ''}` : ''}`);
  process.exit(2);
});
