/**
 * GET /v1/quality (issue 19, fourth point) over HTTP on the local runtime, on real documents of the development corpus:
 * the consolidated Luật An toàn, vệ sinh lao động as the gazette prints its first pages (14-VBHN-VPQH.txt: no number,
 * no signature — the text stops at "Xem tiếp Công báo"), Luật 26/2012/QH13 with its gazette header (amending
 * 04/2007/QH12), 04/2007/QH12 as a copy that lost Điều 19 to 23 (those lines of the fixture cut out, as a broken
 * download would: 26/2012 amends Điều 19 and 21, which are not there), 09/2022 and the 02/2023 that amends it, and
 * 97/2025/QĐ-UBND of Quảng Ninh. Reviewers only; bounded; the report is the domain's.
 */
import type * as z from 'zod/mini';
import { ingestDocument } from '../../domain/services/ingest';
import { type QualityReport, qualityReport } from '../../domain/services/quality';
import { Problem } from '../../schemas/common';
import { QualityResponse } from '../../schemas/quality';
import { corpusFile } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';

/** A schema's output without the index signatures of its open (`looseObject`) objects: the fields it describes. */
type Described<T> = T extends (infer U)[] ? Described<U>[] : T extends object ? { [K in keyof T as string extends K ? never : K]: Described<T[K]> } : T;
// Compile-time: what the service returns is a valid response of the schema (the schema may say more, never less).
const _schemaCoversTheReport = (r: QualityReport): Described<z.output<typeof QualityResponse>> => r;

type Api = Awaited<ReturnType<typeof startLocalApi>>;
let api: Api;
let reviewer: string;
let stored: number;

/** 04/2007/QH12 without the lines of Điều 19 to Điều 23 (every other byte as in the fixture). */
const pitLawMissingArticles = () => {
  const lines = corpusFile('04-2007-QH12.txt').toString('utf8').split('\n');
  const from = lines.findIndex((l) => l.startsWith('Điều 19.'));
  const to = lines.findIndex((l) => l.startsWith('Điều 24.'));
  expect([from > 0, to > from]).toEqual([true, true]);
  return Buffer.from([...lines.slice(0, from), ...lines.slice(to)].join('\n'), 'utf8');
};

beforeAll(async () => {
  api = await startLocalApi();
  const files: [string, Buffer][] = [
    ['14-VBHN-VPQH.txt', corpusFile('14-VBHN-VPQH.txt')],
    ['26-2012-QH13__header.txt', corpusFile('26-2012-QH13__header.txt')],
    ['04-2007-QH12.txt', pitLawMissingArticles()],
    ['09-2022-TT-BLDTBXH.txt', corpusFile('09-2022-TT-BLDTBXH.txt')],
    ['02-2023-TT-BLDTBXH.txt', corpusFile('02-2023-TT-BLDTBXH.txt')],
    ['97-2025-QD-UBND-QuangNinh.txt', corpusFile('97-2025-QD-UBND-QuangNinh.txt')],
  ];
  for (const [fileName, bytes] of files) await ingestDocument(api.embedded.ports, { fileName, bytes });
  await api.index();
  stored = (await api.embedded.ports.works.list({ limit: 100 })).items.length;
  reviewer = await api.token(['reviewer']);
}, 180_000);
afterAll(() => api?.close());

const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
  fetch(`${api.base}${path}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

async function expectProblem(res: Response, status: number, type: string) {
  expect([res.status, res.headers.get('content-type')]).toEqual([status, expect.stringMatching(/^application\/problem\+json/)]);
  const body = Problem.parse(await res.json());
  expect(body).toMatchObject({ status, type });
  return body;
}

const report = async (query = '') => {
  const res = await get(`/v1/quality${query}`, reviewer);
  expect(res.status).toBe(200);
  return { res, body: QualityResponse.parse(await res.json()) };
};

describe('who may read it', () => {
  it('401 without a token or with a forged one', async () => {
    await expectProblem(await get('/v1/quality'), 401, '/problems/unauthenticated');
    await expectProblem(await get('/v1/quality', `${reviewer.slice(0, -4)}AAAA`), 401, '/problems/unauthenticated');
  });

  it('403 for every role but reviewer (editors included), before the query is even read', async () => {
    for (const roles of [[], ['editor'], ['drafter'], ['appraiser'], ['commenter'], ['reader']]) {
      const res = await get('/v1/quality?limit=0', await api.token(roles));
      const body = await expectProblem(res, 403, '/problems/forbidden');
      expect(body.detail).toContain('reviewer');
    }
  });
});

describe('bounds', () => {
  it('400 problem+json for a limit outside 1–100, not an integer, or asRecordedAt', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'limit=-3']) {
      const body = await expectProblem(await get(`/v1/quality?${query}`, reviewer), 400, '/problems/validation');
      expect([query, body.errors?.map((e) => e.path)]).toEqual([query, ['query.limit']]);
    }
    const body = await expectProblem(await get('/v1/quality?asRecordedAt=2024-01-01', reviewer), 400, '/problems/validation');
    expect(body.errors?.[0]?.path).toBe('query.asRecordedAt');
  });

  it('20 documents by default, `limit` of them otherwise; the totals are over every document either way', async () => {
    const all = (await report('?limit=100')).body;
    expect(all.documents).toBe(stored);
    expect(stored).toBe(6);
    expect(all.worst).toHaveLength(stored);
    const two = (await report('?limit=2')).body;
    expect(two.worst).toEqual(all.worst.slice(0, 2));
    expect(two.totals).toEqual(all.totals);
    expect(two.documents).toBe(stored);
    expect((await report()).body.worst).toHaveLength(Math.min(20, stored));
  });
});

describe('the report', () => {
  let body: z.output<typeof QualityResponse>;
  const doc = (id: string) => body.worst.find((d) => d.documentId === id);

  beforeAll(async () => {
    const { res, body: b } = await report('?limit=100');
    body = b;
    // Reviewers' data: the browser may keep it, no shared cache may.
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('is what the domain service computes from the store', async () => {
    expect(body).toEqual(JSON.parse(JSON.stringify(await qualityReport(api.embedded.ports, 100))));
  });

  it('lists the worst first: scores ascending, ties by id', () => {
    const order = body.worst.map((d) => [d.score, d.documentId] as const);
    const sorted = [...order].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    expect(order).toEqual(sorted);
    expect(body.worst[0]?.score).toBeLessThan(body.worst.at(-1)?.score ?? 0);
  });

  it('puts the gazette pages of the consolidated Luật An toàn, vệ sinh lao động first: no number, no signer', () => {
    const [worst] = body.worst;
    expect(worst?.documentNumber).toBeNull();
    expect(worst?.documentId).toMatch(/^unnumbered-/);
    expect(worst?.title).toMatch(/an toàn, vệ sinh lao động/i);
    expect(worst?.missing).toEqual(expect.arrayContaining(['number', 'signer']));
    expect(worst?.diagnostics.map((d) => d.code)).toContain('metadata.number_missing');
    expect(worst?.score).toBeLessThan(0.8);
    // 26/2012/QH13 with its gazette header is stored under its number.
    expect(doc('26-2012-QH13')?.missing).not.toContain('number');
  });

  it('says which amendments of 26/2012/QH13 could not be applied to 04/2007/QH12, why, and a numbering gap where the articles went', () => {
    const pit = doc('04-2007-QH12');
    expect(pit?.unapplied).toEqual(
      expect.arrayContaining([
        { targetEId: 'art_19__para_1', reason: 'target art_19__para_1 not found in the base text', sourceNumber: '26/2012/QH13' },
        { targetEId: 'art_21__para_1', reason: 'target art_21__para_1 not found in the base text', sourceNumber: '26/2012/QH13' },
      ]),
    );
    // Điều 3, 4, 7 and 24 are there: their amendments apply; only those aimed at the lost articles do not.
    expect(new Set(pit?.unapplied.map((u) => u.targetEId.split('__')[0]))).toEqual(new Set(['art_19', 'art_21']));
    expect(pit?.structure).toContainEqual({ code: 'numbering_gap', eId: 'art_24', message: 'Điều 24: số thứ tự nhảy từ 18 lên 24' });
    expect(pit?.score).toBeLessThan(1);
    // 02/2023 amends Điều 1 of 09/2022, which is there.
    expect(doc('09-2022-TT-BLDTBXH')?.unapplied).toEqual([]);
  });

  it('adds up: the totals are the sums and shares of the documents listed (all of them here)', () => {
    const sum = (f: (d: (typeof body.worst)[number]) => number) => body.worst.reduce((s, d) => s + f(d), 0);
    expect(body.totals.unapplied).toBe(sum((d) => d.unapplied.length));
    expect(body.totals.unapplied).toBeGreaterThanOrEqual(2);
    expect(body.totals.effectsApplied).toBeLessThan(1);
    expect(body.totals.effects).toBeGreaterThan(body.totals.unapplied);
    expect(body.totals.unresolved).toBe(sum((d) => d.unresolved.length));
    expect(body.totals.placeholders).toBe(sum((d) => d.placeholders));
    expect(body.totals.structure).toBe(sum((d) => d.structure.length));
    expect(body.totals.diagnostics).toBe(sum((d) => d.diagnostics.length));
    expect(body.totals.metadata.number).toBe(Number((body.worst.filter((d) => !d.missing.includes('number')).length / stored).toFixed(3)));
    expect(body.totals.metadata.signer).toBeLessThan(1);
    // The amendment sentences read (per document and in total): 26/2012/QH13 is the one that amends here.
    expect(body.totals.instructions?.sentences).toBe(sum((d) => d.instructions?.sentences ?? 0));
    expect(body.totals.instructions?.parsed).toBe(sum((d) => d.instructions?.parsed ?? 0));
    expect(doc('26-2012-QH13')?.instructions?.parsed).toBeGreaterThan(0);
  });

  it('answers 304 to its ETag, for the reviewer', async () => {
    const first = await get('/v1/quality?limit=5', reviewer);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    const again = await get('/v1/quality?limit=5', reviewer, { 'if-none-match': etag as string });
    expect(again.status).toBe(304);
  });
});

it('is in the OpenAPI document: reviewer only, the bounded limit, its errors', async () => {
  const doc = (await (await fetch(`${api.base}/openapi.json`)).json()) as {
    paths: Record<
      string,
      Record<
        string,
        { security: unknown[]; 'x-required-role'?: string; parameters: { name: string; schema: Record<string, unknown> }[]; responses: Record<string, unknown> }
      >
    >;
  };
  const op = doc.paths['/v1/quality']?.get;
  expect(op?.security).toEqual([{ bearer: [] }]);
  expect(op?.['x-required-role']).toBe('reviewer');
  expect(op?.parameters.find((p) => p.name === 'limit')?.schema).toMatchObject({ default: 20, minimum: 1, maximum: 100 });
  expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['200', '304', '400', '401', '403']));
});
