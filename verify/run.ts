/**
 * The robustness run: parser fuzzing, API property tests, concurrency, security, load and fault scenarios against
 * the local runtime, summed up in one JSON object. `main.ts` is its command line; test/e2e/robustness.test.ts runs
 * its fastest parts.
 */
import { join } from 'node:path';
import { runApiProperties } from './api';
import { runConcurrency } from './concurrency';
import { runFaults } from './faults';
import { corpusTexts, runFuzz } from './fuzz';
import { runLoad } from './load';
import { ROOT, startRuntime } from './runtime';
import { ensureSchemathesis, runSchemathesis } from './schemathesis';
import { runSecurity } from './security';

export type Profile = 'ci' | 'full';
export type Part = 'fuzz' | 'api' | 'schemathesis' | 'concurrency' | 'security' | 'audit' | 'load' | 'faults';

export interface RunOptions {
  profile: Profile;
  seed?: number;
  /** Parts to leave out (the jest test runs the fastest ones). */
  skip?: Part[];
  /** Overrides of the profile's sizes. */
  fuzzGenerated?: number;
  apiRequests?: number;
  log?: (line: string) => void;
}

const PROFILES = {
  ci: {
    fuzzGenerated: 150,
    corpusFiles: 12,
    rounds: 1,
    apiRequests: 300,
    stExamples: 0,
    stMaxTimeS: 0,
    writers: 50,
    writeRounds: 1,
    loadS: 3,
    connections: 8,
    faults: false,
  },
  full: {
    // ≥ 10,000 parser cases (issue 22): 8,000 generated + 6 rounds of 9 mutations of each of the ~50 repository
    // texts + the originals and the 1 MB lines.
    fuzzGenerated: 8000,
    corpusFiles: 100,
    rounds: 6,
    apiRequests: 1500,
    stExamples: 100,
    stMaxTimeS: 360,
    writers: 50,
    writeRounds: 4,
    loadS: 15,
    connections: 10,
    faults: true,
  },
} as const;

/** The sample document used for write checks and for the unit read under load. */
const UNIT_READ = '/v1/documents/09-2022-TT-BLDTBXH/units/art_5__para_1';

export async function runRobustness(options: RunOptions) {
  const started = performance.now();
  const p = PROFILES[options.profile];
  const seed = options.seed ?? Date.now() % 1_000_000;
  const skip = new Set(options.skip ?? []);
  const log = options.log ?? (() => {});
  const notes: string[] = [];

  // 1. Parsers (in this process, no server needed).
  let fuzz: ReturnType<typeof runFuzz> | null = null;
  if (!skip.has('fuzz')) {
    log('fuzzing the parsers ...');
    fuzz = runFuzz({ seed, generated: options.fuzzGenerated ?? p.fuzzGenerated, corpusFiles: p.corpusFiles, rounds: p.rounds, huge: true });
    log(`  ${fuzz.cases} cases, ${fuzz.crashes.length} crashes, slowest ${fuzz.slowest.fn} ${fuzz.slowest.ms} ms (${fuzz.durationMs} ms)`);
  }

  // schemathesis installs itself (pip) before the server starts, not while it waits.
  let stInstallError: string | null = null;
  if (!skip.has('schemathesis') && p.stExamples > 0) {
    log('schemathesis: checking the venv ...');
    stInstallError = ensureSchemathesis();
  }

  // 2.–6. Against the local runtime.
  log('starting the local runtime ...');
  // The load run and the API generators measure the server, not its per-client limit: this runtime runs without it.
  // The security checks get a second runtime with a low limit to check the 429s.
  const rt = await startRuntime({ env: { RATE_LIMIT_RPS: '0' } });
  const texts = corpusTexts(200);
  const sampleTexts = texts.slice(0, 12);
  let api: Awaited<ReturnType<typeof runApiProperties>> | null = null;
  let st: Awaited<ReturnType<typeof runSchemathesis>> | null = null;
  let conc: Awaited<ReturnType<typeof runConcurrency>> | null = null;
  let sec: Awaited<ReturnType<typeof runSecurity>> | null = null;
  let load: Awaited<ReturnType<typeof runLoad>> | null = null;
  try {
    const editor = await rt.token(['editor']);
    const reader = await rt.token([]);
    const list = (await (await fetch(`${rt.base}/v1/documents?limit=100`)).json()) as { items: { id: string }[] };
    const ids = list.items.map((d) => d.id);
    const eIds = new Set<string>(['art_1', 'art_5__para_1', 'chp_I', 'art_999']);
    for (const id of ids.slice(0, 4)) {
      const d = (await (await fetch(`${rt.base}/v1/documents/${encodeURIComponent(id)}`)).json()) as { units: { eId: string; children: unknown[] }[] };
      const walk = (us: { eId: string; children: unknown[] }[]) => {
        for (const u of us) {
          if (eIds.size < 300) eIds.add(u.eId);
          walk(u.children as never);
        }
      };
      walk(d.units ?? []);
    }

    if (!skip.has('api')) {
      log('API property tests (TypeScript generator, ajv) ...');
      api = await runApiProperties(
        { base: rt.base, editor, reader, ids: [...ids, '99-2099-TT-BX', encodeURIComponent('09/2022/TT-BLĐTBXH')], eIds: [...eIds], texts: sampleTexts },
        { requests: options.apiRequests ?? p.apiRequests, seed },
      );
      log(`  ${api.requests} requests, ${api.fiveXx} 5xx, ${api.schemaViolations} schema violations, ${api.authViolations} auth (${api.durationMs} ms)`);
    }
    if (!skip.has('schemathesis') && p.stExamples > 0 && stInstallError) notes.push(`schemathesis not installed: ${stInstallError}`);
    if (!skip.has('schemathesis') && p.stExamples > 0 && !stInstallError) {
      log('schemathesis ...');
      st = await runSchemathesis({
        base: rt.base,
        editor,
        maxExamples: p.stExamples,
        seed,
        maxTimeS: p.stMaxTimeS,
        workDir: join(ROOT, '.cache', 'verify', 'schemathesis'),
      });
      log(
        `  ${st.requests} requests, ${st.fiveXx} 5xx, ${st.schemaViolations} schema violations${st.installError ? `; ${st.installError}` : ''} (${st.durationMs} ms)`,
      );
    }
    if (!skip.has('concurrency')) {
      log('concurrent writers ...');
      const wanted = ['08-2022-QD-TTg.txt', '21-2021-TT-BLDTBXH.txt', '09-2022-TT-BLDTBXH.txt'];
      const docs = wanted.map((n) => texts.find((t) => t.name === n)).filter((d) => d !== undefined);
      conc = await runConcurrency({
        base: rt.base,
        editor,
        reviewer: await rt.token(['reviewer']),
        docs: docs.length ? docs : sampleTexts.slice(0, 3),
        writers: p.writers,
        rounds: p.writeRounds,
      });
      log(
        `  ${conc.writes} writes, lost updates ${conc.lostUpdates}, missing sources ${conc.missingSources}, duplicate works ${conc.duplicateWorks} (${conc.durationMs} ms)`,
      );
    }
    if (!skip.has('security')) {
      log('security checks ...');
      const sample = texts.find((t) => t.name === '38-2022-ND-CP.txt') ?? (sampleTexts[0] as { name: string; text: string });
      const limits = { rps: 5, burst: 20 };
      const limitedRt = await startRuntime({ env: { RATE_LIMIT_RPS: String(limits.rps), RATE_LIMIT_BURST: String(limits.burst) } });
      try {
        sec = await runSecurity({
          base: rt.base,
          editor,
          reader,
          dataDir: rt.dataDir,
          sample,
          serverOutput: rt.output,
          audit: !skip.has('audit'),
          rateLimited: { base: limitedRt.base, ...limits },
        });
      } finally {
        await limitedRt.close();
      }
      log(`  ${sec.checks.length} checks, ${sec.failures} failed; audit ${JSON.stringify(sec.audit)}`);
    }
    if (!skip.has('load')) {
      log('load ...');
      load = await runLoad({
        base: rt.base,
        durationS: p.loadS,
        connections: p.connections,
        rss: rt.rss,
        routes: [
          { name: 'unitRead', path: UNIT_READ },
          { name: 'search', path: `/v1/search?q=${encodeURIComponent('muc luong toi thieu')}` },
          { name: 'consolidation', path: '/v1/documents/09-2022-TT-BLDTBXH/consolidated?at=2024-01-01' },
        ],
      });
      log(`  rps ${JSON.stringify(load.rps)}, p99 ${JSON.stringify(load.p99Ms)}, memory ${JSON.stringify(load.memory)}`);
    }
  } finally {
    await rt.close();
  }

  // 7. Faults on the real engines (full profile).
  let faults: ReturnType<typeof runFaults> | null = null;
  if (!skip.has('faults')) {
    if (p.faults) log('fault scenarios (jest, real engines) ...');
    faults = runFaults({ run: p.faults, outFile: join(ROOT, '.cache', 'verify', 'faults.json') });
    if (faults.note) notes.push(`faults: ${faults.note}`);
  }
  if (st?.installError) notes.push(`schemathesis: ${st.installError}`);
  for (const [name, r] of Object.entries(load?.routes ?? {})) if (r.skipped) notes.push(`load.${name} skipped: ${r.skipped}`);

  const parserCrashes = fuzz?.crashes.length ?? 0;
  const apiRequests = (api?.requests ?? 0) + (st?.requests ?? 0);
  const api5xx = (api?.fiveXx ?? 0) + (st?.fiveXx ?? 0) + (conc?.fiveXx ?? 0) + (load?.fiveXx ?? 0);
  const schemaViolations = (api?.schemaViolations ?? 0) + (st?.schemaViolations ?? 0);
  const authViolations = (api?.authViolations ?? 0) + (st?.authViolations ?? 0);
  const documentsLost = (faults?.documentsLost ?? 0) + (conc?.missingSources ?? 0);
  const lostUpdates = (conc?.lostUpdates ?? 0) + (conc?.duplicateWorks ?? 0);
  const hugeLineViolations = fuzz?.hugeLineViolations ?? 0;
  const securityFailures = sec?.failures ?? 0;
  const ok = parserCrashes + api5xx + schemaViolations + authViolations + documentsLost + lostUpdates + hugeLineViolations + securityFailures === 0;

  return {
    parserFuzzCases: fuzz?.cases ?? 0,
    parserCrashes,
    apiRequests,
    api5xx,
    schemaViolations,
    faultScenarios: faults?.scenarios ?? 0,
    documentsLost,
    lostUpdates,
    rps: load?.rps ?? {},
    p99Ms: load?.p99Ms ?? {},
    ok,
    profile: options.profile,
    seed,
    durationS: Math.round((performance.now() - started) / 100) / 10,
    authViolations,
    hugeLineViolations,
    securityFailures,
    memory: load?.memory ?? null,
    parser: fuzz && {
      calls: fuzz.calls,
      corpusFiles: fuzz.corpusFiles,
      slowest: fuzz.slowest,
      hugeLineSlowest: fuzz.hugeLine,
      crashes: fuzz.crashes.map((c) => ({ ...c, sample: c.sample.slice(0, 500) })),
      durationMs: fuzz.durationMs,
    },
    api: {
      typescript: api && {
        requests: api.requests,
        byStatus: api.byStatus,
        byOperation: api.byOperation,
        violations: api.violations.slice(0, 20),
        durationMs: api.durationMs,
      },
      schemathesis: st && {
        available: st.available,
        version: st.version,
        requests: st.requests,
        byStatus: st.byStatus,
        findings: st.findings,
        errors: st.errors,
        testCases: st.testCases,
        durationMs: st.durationMs,
      },
    },
    concurrency: conc,
    security: sec,
    load: load && { durationSPerRoute: load.durationSPerRoute, connections: load.connections, routes: load.routes },
    faults,
    notes,
  };
}

export type RobustnessResult = Awaited<ReturnType<typeof runRobustness>>;
