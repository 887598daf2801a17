/**
 * The import rules each folder's README states, enforced: every import of every source file is read (static,
 * re-exports, dynamic `import()` and `require`) and checked against its folder's rule below, which quotes the README;
 * and `domain/` has no import circle, type-only imports included.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'cdk.out', '.cache', '.data', 'dist', 'coverage', 'fixtures']);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(join(ROOT, dir))) {
    if (SKIP.has(f) || f.startsWith('.')) continue;
    const p = join(dir, f);
    if (statSync(join(ROOT, p)).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|js|mjs|cjs)$/.test(f) && !f.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

interface Import {
  spec: string;
  /** The project file it names (relative to the root), or null for a package or a built-in. */
  file: string | null;
  typeOnly: boolean;
}

const IMPORT_RES = [
  /^\s*(import|export)\s+(type\s+)?[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gms,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function importsOf(file: string): Import[] {
  const src = readFileSync(join(ROOT, file), 'utf8');
  const out: Import[] = [];
  for (const [i, re] of IMPORT_RES.entries())
    for (const m of src.matchAll(re)) {
      const spec = (i === 0 ? m[3] : m[1]) as string;
      const typeOnly = i === 0 && m[2] !== undefined;
      let target: string | null = null;
      if (spec.startsWith('.')) {
        const base = resolve(ROOT, dirname(file), spec);
        const found = [base, `${base}.ts`, `${base}.js`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')].find(
          (p) => existsSync(p) && statSync(p).isFile(),
        );
        target = relative(ROOT, found ?? base);
      }
      out.push({ spec, file: target, typeOnly });
    }
  return out;
}

const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec);
const under = (file: string | null, ...prefixes: string[]) =>
  file !== null && prefixes.some((p) => file === p || file.startsWith(p.endsWith('/') ? p : `${p}/`));

interface Rule {
  folder: string;
  /** The README's words. */
  says: string;
  allows(i: Import, from: string): boolean;
}

const RULES: Rule[] = [
  {
    folder: 'domain',
    says: 'domain/README.md: other files in domain/, Node built-ins that compute (node:crypto, node:zlib, node:util), mammoth, htmlparser2 and fflate',
    allows: (i) => (i.file ? under(i.file, 'domain') : ['node:crypto', 'node:zlib', 'node:util', 'mammoth', 'htmlparser2', 'fflate'].includes(i.spec)),
  },
  {
    folder: 'domain/lint',
    says: 'domain/lint/README.md: domain/model.ts, domain/parse/types.ts (types only), the unit words of domain/units.ts and domain/text/numerals.ts',
    allows: (i) =>
      under(i.file, 'domain/lint') ||
      (i.typeOnly && ['domain/model.ts', 'domain/parse/types.ts'].includes(i.file ?? '')) ||
      ['domain/units.ts', 'domain/text/numerals.ts'].includes(i.file ?? ''),
  },
  {
    folder: 'adapters',
    says: 'adapters/README.md: domain/ and the client library of its own engine; never functions/, local/, cli/, zod or middy',
    allows: (i) => (i.file ? under(i.file, 'domain', 'adapters') : !/^(zod|@middy\/)/.test(i.spec)),
  },
  {
    folder: 'functions',
    says: 'functions/README.md: domain/, adapters/, schemas/, middy, zod/mini, Powertools; never local/, cli/ or infra/',
    allows: (i) => (i.file ? under(i.file, 'domain', 'adapters', 'schemas', 'functions') : true),
  },
  {
    folder: 'schemas',
    says: 'schemas/README.md: zod/mini, domain/document-types.ts, domain/relations/types.ts and domain/dates.ts',
    allows: (i) =>
      i.file
        ? under(i.file, 'schemas') || ['domain/document-types.ts', 'domain/relations/types.ts', 'domain/dates.ts'].includes(i.file)
        : i.spec === 'zod/mini',
  },
  {
    folder: 'local',
    says: 'local/README.md: functions/, adapters/, domain/, Node built-ins, jose; never infra/',
    allows: (i) => (i.file ? under(i.file, 'local', 'functions', 'adapters', 'domain', 'schemas') : true),
  },
  {
    folder: 'cli',
    says: 'cli/README.md: domain/, adapters/, local/; never infra/',
    allows: (i) => (i.file ? under(i.file, 'cli', 'domain', 'adapters', 'local', 'schemas') : true),
  },
  {
    folder: 'bench',
    says: 'bench/README.md: domain/, adapters/, local/, test/engines/; never infra/',
    allows: (i) => (i.file ? under(i.file, 'bench', 'domain', 'adapters', 'local', 'test/engines') : true),
  },
  {
    folder: 'infra',
    says: 'infra/README.md: from the project only schemas/routes.ts, schemas/web-csp.ts and adapters/dynamodb/table-design.ts (custom-resource handlers apart)',
    allows: (i, from) =>
      i.file
        ? under(i.file, 'infra') ||
          ['schemas/routes.ts', 'schemas/web-csp.ts', 'adapters/dynamodb/table-design.ts'].includes(i.file) ||
          from.includes('/custom-resources/')
        : true,
  },
  {
    folder: 'web',
    says: 'web/README.md: nothing from the server side; it talks to the API over HTTP only',
    allows: (i) => (i.file ? under(i.file, 'web') : false),
  },
  {
    folder: 'scripts',
    says: 'scripts/README.md: nothing from the project except the domain and the web tests’ browser launch',
    allows: (i) => (i.file ? under(i.file, 'scripts', 'domain') || i.file === 'test/support/browser.ts' : true),
  },
];

/** The most specific rule for a file (domain/lint before domain). */
const ruleOf = (file: string) => RULES.filter((r) => under(file, r.folder)).sort((a, b) => b.folder.length - a.folder.length)[0] ?? null;

describe('what each folder may import (its README)', () => {
  const files = RULES.flatMap((r) => (r.folder.includes('/') ? [] : sources(r.folder)));

  it('reads the imports of every source file', () => {
    expect(files.length).toBeGreaterThan(250);
    expect(importsOf('domain/services/answer.ts').some((i) => i.file === 'domain/text/ranking.ts')).toBe(true);
  });

  it('holds for every import, and nothing outside test/ and verify/ imports them', () => {
    const broken: string[] = [];
    for (const file of files) {
      const rule = ruleOf(file);
      for (const i of importsOf(file)) {
        if (!i.file && isBuiltin(i.spec) && rule?.folder !== 'domain' && rule?.folder !== 'domain/lint' && rule?.folder !== 'web') continue;
        if (under(i.file, 'test', 'verify') && !(rule && ['bench', 'scripts'].includes(rule.folder) && rule.allows(i, file)))
          broken.push(`${file} imports ${i.spec} (nothing imports test/ or verify/ but what test/README.md names)`);
        else if (rule && !rule.allows(i, file)) broken.push(`${file} imports ${i.spec} — ${rule.says}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('domain/ has no import circle', () => {
  it('finds none, type-only imports included', () => {
    const files = sources('domain').filter((f) => f.endsWith('.ts'));
    const edges = new Map(files.map((f) => [f, importsOf(f).flatMap((i) => (i.file && files.includes(i.file) ? [i.file] : []))]));
    // Tarjan's strongly connected components: a component of more than one file is a circle.
    let next = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    const visit = (v: string) => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of edges.get(v) ?? []) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
      if (low.get(v) === index.get(v)) {
        const c: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          c.push(w);
        } while (w !== v);
        if (c.length > 1 || (edges.get(v) ?? []).includes(v)) circles.push(c.sort());
      }
    };
    for (const f of files) if (!index.has(f)) visit(f);
    expect(files.length).toBeGreaterThan(80);
    expect(circles).toEqual([]);
  });
});

describe('the readers of legal text are made of small steps', () => {
  it('has no function over 150 lines in domain/parse, domain/effects and domain/relations', () => {
    // The compiler's API, loaded only by this test.
    const ts = require('typescript') as typeof import('typescript');
    const long: string[] = [];
    for (const file of ['domain/parse', 'domain/effects', 'domain/relations'].flatMap((d) => sources(d)).filter((f) => f.endsWith('.ts'))) {
      const sf = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (n: import('typescript').Node) => {
        if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
          const lines = sf.getLineAndCharacterOfPosition(n.getEnd()).line - sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
          if (lines > 150) long.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} (${lines} lines)`);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(long).toEqual([]);
  });
});
