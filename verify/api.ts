/**
 * API property testing in TypeScript, from the served OpenAPI document: for every operation, requests are generated
 * from the JSON Schemas of its parameters and body (fast-check), half valid, half not, with no identity, a reader's,
 * an editor's or a forged token; every response is checked: no 5xx, a documented status, the documented content
 * type, a body that validates against the operation's response schema (ajv, JSON Schema 2020-12), and the auth rules
 * (401 without or with a forged identity, 403 for a reader).
 */
import { ROLE_GRANTS } from '../functions/_shared/http';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';

type Json = Record<string, unknown>;
type Schema = Json & { type?: string; enum?: unknown[]; properties?: Record<string, Schema>; required?: string[] };

interface Operation {
  method: string;
  path: string;
  op: Json & { parameters?: { name: string; in: string; required: boolean; schema: Schema }[]; security?: unknown[]; 'x-required-role'?: string };
}

export interface ApiViolation {
  kind: '5xx' | 'undocumented_status' | 'content_type' | 'response_schema' | 'auth' | 'network' | 'openapi_schema';
  operation: string;
  request: string;
  status?: number;
  detail: string;
}

export interface ApiReport {
  engine: 'typescript';
  requests: number;
  byStatus: Record<string, number>;
  byOperation: Record<string, number>;
  fiveXx: number;
  schemaViolations: number;
  authViolations: number;
  violations: ApiViolation[];
  seed: number;
  durationMs: number;
}

export interface ApiContext {
  base: string;
  editor: string;
  reader: string;
  /** Real ids and eIds, so that generated reads reach stored documents. */
  ids: string[];
  eIds: string[];
  /** Real texts for upload bodies (cut at random places). */
  texts: { name: string; text: string }[];
}

/** An ajv instance holding the OpenAPI document, so `#/components/schemas/...` refs resolve. */
export function openApiValidator(doc: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  ajv.addSchema(doc, 'openapi.json');
  const cache = new Map<string, ReturnType<typeof ajv.getSchema>>();
  const errors: string[] = [];
  const get = (pointer: string) => {
    if (!cache.has(pointer)) {
      try {
        cache.set(pointer, ajv.getSchema(`openapi.json#${pointer}`));
      } catch (e) {
        errors.push(`${pointer}: ${(e as Error).message}`);
        cache.set(pointer, undefined);
      }
    }
    return cache.get(pointer);
  };
  return { ajv, get, errors };
}

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function operations(doc: Json): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation['op']>>))
    for (const [method, op] of Object.entries(ops)) out.push({ method: method.toUpperCase(), path, op });
  return out;
}

/** A fast-check arbitrary of values valid for a (simple) JSON Schema. */
function valid(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'integer':
      return fc.integer({ min: Number(schema.minimum ?? -1000), max: Number(schema.maximum ?? 1000) });
    case 'number':
      return fc.double({ noNaN: true, min: -1e6, max: 1e6 });
    case 'boolean':
      return fc.boolean();
    case 'string': {
      if (typeof schema.pattern === 'string' && schema.pattern.includes('\\d{4}-\\d{2}-\\d{2}'))
        return fc.date({ min: new Date('1945-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (schema.pattern === '^[A-Za-z0-9_]+$')
        return fc.string({ minLength: 1, maxLength: 40, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_') });
      const min = Number(schema.minLength ?? 0);
      const max = Math.min(Number(schema.maxLength ?? 300), 300);
      return fc.string({ minLength: min, maxLength: Math.max(min, max), unit: 'grapheme' });
    }
    case 'object': {
      const props = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, valid(s)]));
      return fc.record(props, { requiredKeys: (schema.required ?? []) as never[] });
    }
    case 'array':
      return fc.array(valid((schema.items as Schema) ?? {}), { maxLength: 5 });
    default:
      return fc.jsonValue();
  }
}

/**
 * A generated value as it travels in a URL. A schema without a type gives any JSON value, including objects without a
 * prototype (String() throws on those): they go as JSON.
 */
const asParam = (v: unknown): string => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Values that break the schema: wrong types, out of range, too long, odd characters. */
const invalidScalar = fc.oneof(
  fc.string({ maxLength: 50, unit: 'binary' }),
  fc.constantFrom('', ' ', '-1', '0', '1e309', 'NaN', 'null', '%', '%00', '../../etc/passwd', '"', '\\', '*', '()', 'x'.repeat(3000), '2024-13-45', 'Điều 5'),
  fc.integer().map(String),
);

interface Generated {
  path: string;
  query: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  identity: 'none' | 'reader' | 'editor' | 'forged';
}

function generator(o: Operation, ctx: ApiContext): fc.Arbitrary<Generated> {
  const params = o.op.parameters ?? [];
  const pathArbs = Object.fromEntries(
    params
      .filter((p) => p.in === 'path')
      .map((p) => [
        p.name,
        fc
          .oneof(
            { weight: 3, arbitrary: fc.constantFrom(...(p.name === 'eId' ? ctx.eIds : ctx.ids)) },
            { weight: 1, arbitrary: valid(p.schema).map(asParam) },
            { weight: 1, arbitrary: invalidScalar },
          )
          // "." and ".." are dot segments: the URL standard removes them (also as %2E) before the request is sent, so
          // `/v1/documents/./sectors` would be another route's request, judged by this one's rules.
          .filter((v) => !/^\.{1,2}$/u.test(asParam(v))),
      ]),
  );
  const queryArbs = Object.fromEntries(
    params
      .filter((p) => p.in === 'query')
      .map((p) => [
        p.name,
        fc.oneof(
          {
            weight: 4,
            arbitrary:
              p.name === 'q'
                ? fc.oneof(fc.constantFrom('luong toi thieu', 'bảo hiểm xã hội', 'Điều 5', 'lao động', '"mức lương" OR x*'), valid(p.schema).map(asParam))
                : valid(p.schema).map(asParam),
          },
          { weight: 1, arbitrary: invalidScalar },
        ),
      ]),
  );
  const required = params.filter((p) => p.in === 'query' && p.required).map((p) => p.name);
  const bodySchema = ((o.op.requestBody as Json | undefined)?.content as Record<string, { schema: Schema }> | undefined)?.['application/json']?.schema;
  const realBody = fc
    .record({
      doc: fc.constantFrom(...ctx.texts),
      cut: fc.double({ min: 0.05, max: 1, noNaN: true }),
      encoding: fc.constantFrom('utf8', 'base64', undefined),
      strict: fc.constantFrom(true, false, undefined),
      name: fc.constantFrom('', 'x.txt', '../../etc/passwd.txt', 'a.md', 'b.html', 'C:\\x\\y.txt'),
    })
    .map(({ doc, cut, encoding, strict, name }) => {
      const text = doc.text.slice(0, Math.max(1, Math.floor(doc.text.length * cut)));
      return {
        fileName: name.startsWith('..') || name.includes('\\') ? name : `${name}${doc.name}`,
        content: encoding === 'base64' ? Buffer.from(text).toString('base64') : text,
        ...(encoding ? { encoding } : {}),
        ...(strict !== undefined ? { strict } : {}),
      };
    });
  const bodyArb: fc.Arbitrary<{ body?: unknown; rawBody?: string }> = bodySchema
    ? fc.oneof(
        { weight: 3, arbitrary: realBody.map((body) => ({ body })) },
        { weight: 3, arbitrary: valid(bodySchema).map((body) => ({ body })) },
        { weight: 1, arbitrary: fc.jsonValue().map((body) => ({ body })) },
        { weight: 1, arbitrary: fc.string({ maxLength: 80 }).map((rawBody) => ({ rawBody })) },
      )
    : fc.constant({});
  return fc
    .record({
      pathValues: fc.record(pathArbs),
      query: fc.record(queryArbs, { requiredKeys: required as never[] }),
      body: bodyArb,
      identity: fc.constantFrom('none', 'reader', 'editor', 'editor', 'forged') as fc.Arbitrary<Generated['identity']>,
    })
    .map(({ pathValues, query, body, identity }) => ({
      path: o.path.replace(/\{(\w+)\}/g, (_m, n: string) => encodeURIComponent(String((pathValues as Record<string, unknown>)[n] ?? ''))),
      query: query as Record<string, string>,
      ...body,
      identity,
    }));
}

export async function runApiProperties(ctx: ApiContext, options: { requests: number; seed: number; timeoutMs?: number }): Promise<ApiReport> {
  const started = performance.now();
  const doc = (await (await fetch(`${ctx.base}/openapi.json`)).json()) as Json;
  const validator = openApiValidator(doc);
  const ops = operations(doc).filter((o) => o.path !== '/openapi.json' || true);
  const violations: ApiViolation[] = [];
  const byStatus: Record<string, number> = {};
  const byOperation: Record<string, number> = {};
  let requests = 0;
  let fiveXx = 0;
  let schemaViolations = 0;
  let authViolations = 0;
  const record = (v: ApiViolation) => {
    if (violations.length < 50) violations.push(v);
  };
  for (const e of validator.errors) {
    schemaViolations++;
    record({ kind: 'openapi_schema', operation: '-', request: '-', detail: e });
  }

  const perOp = Math.max(1, Math.ceil(options.requests / ops.length));
  for (const [i, o] of ops.entries()) {
    const name = `${o.method} ${o.path}`;
    const samples = fc.sample(generator(o, ctx), { numRuns: perOp, seed: options.seed + i });
    for (const g of samples) {
      const qs = new URLSearchParams(g.query).toString();
      const url = `${ctx.base}${g.path}${qs ? `?${qs}` : ''}`;
      const headers: Record<string, string> = {};
      if (g.identity === 'editor') headers.authorization = `Bearer ${ctx.editor}`;
      if (g.identity === 'reader') headers.authorization = `Bearer ${ctx.reader}`;
      if (g.identity === 'forged') headers.authorization = `Bearer ${ctx.editor.slice(0, -6)}AAAAAA`;
      let body: string | undefined;
      if (o.method !== 'GET') {
        headers['content-type'] = 'application/json';
        body = g.rawBody ?? JSON.stringify(g.body ?? {});
      }
      const shown = `${o.method} ${url.slice(ctx.base.length, ctx.base.length + 300)} identity=${g.identity}${body ? ` body=${body.slice(0, 200)}` : ''}`;
      let res: Response;
      let text: string;
      try {
        res = await fetch(url, { method: o.method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
        text = await res.text();
      } catch (e) {
        requests++;
        record({ kind: 'network', operation: name, request: shown, detail: (e as Error).message });
        fiveXx++;
        continue;
      }
      requests++;
      byOperation[name] = (byOperation[name] ?? 0) + 1;
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      const status = res.status;
      if (status >= 500) {
        fiveXx++;
        record({ kind: '5xx', operation: name, request: shown, status, detail: text.slice(0, 300) });
        continue;
      }
      const secured = Array.isArray(o.op.security) && o.op.security.length > 0;
      // Refusals that come before identity is looked at: a body over the route's limit (413, read from the raw
      // request), and a path that matches no route (an empty {id}: 404 route-not-found).
      const beforeAuth = status === 413 || (status === 404 && text.includes('route-not-found'));
      if (secured && !beforeAuth) {
        // An editor's token satisfies only the access levels ROLE_GRANTS gives editors (not reviewer, drafter, appraiser).
        const role = (o.op as { 'x-required-role'?: string })['x-required-role'];
        const editorMay = !role || role === 'public' || (ROLE_GRANTS[role as keyof typeof ROLE_GRANTS] ?? []).includes('editor');
        // `identified` routes take any valid token, roles or none.
        const anyone = role === 'identified';
        const want =
          g.identity === 'none' || g.identity === 'forged' ? 401 : !anyone && (g.identity === 'reader' || (g.identity === 'editor' && !editorMay)) ? 403 : null;
        if ((want && status !== want) || (!want && (status === 401 || status === 403))) {
          authViolations++;
          record({ kind: 'auth', operation: name, request: shown, status, detail: `expected ${want ?? 'neither 401 nor 403'}` });
        }
      }
      const responses = o.op.responses as Record<string, { content?: Record<string, unknown> }>;
      const documented = responses[String(status)];
      if (!documented) {
        schemaViolations++;
        record({ kind: 'undocumented_status', operation: name, request: shown, status, detail: text.slice(0, 200) });
        continue;
      }
      const types = Object.keys(documented.content ?? {});
      if (types.length === 0) continue;
      const ct = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      if (!types.includes(ct)) {
        schemaViolations++;
        record({ kind: 'content_type', operation: name, request: shown, status, detail: `content-type ${ct}, documented ${types.join(', ')}` });
        continue;
      }
      const hasSchema = (documented.content?.[ct] as Json | undefined)?.schema;
      if (!hasSchema) continue;
      const validate = validator.get(`/paths/${esc(o.path)}/${o.method.toLowerCase()}/responses/${status}/content/${esc(ct)}/schema`);
      if (!validate) continue;
      let parsed: unknown;
      try {
        // A documented non-JSON type (text/plain, text/html) has a string schema: validate the text itself.
        parsed = /[/+]json$/.test(ct) ? JSON.parse(text) : text;
      } catch {
        schemaViolations++;
        record({ kind: 'response_schema', operation: name, request: shown, status, detail: `not JSON: ${text.slice(0, 200)}` });
        continue;
      }
      if (!validate(parsed)) {
        schemaViolations++;
        record({ kind: 'response_schema', operation: name, request: shown, status, detail: validator.ajv.errorsText(validate.errors).slice(0, 400) });
      }
    }
  }
  return {
    engine: 'typescript',
    requests,
    byStatus,
    byOperation,
    fiveXx,
    schemaViolations,
    authViolations,
    violations,
    seed: options.seed,
    durationMs: Math.round(performance.now() - started),
  };
}
