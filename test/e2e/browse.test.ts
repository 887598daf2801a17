/**
 * Browsing without a query (issue 21) over HTTP on the local runtime, on the development corpus (test/fixtures/corpus):
 * GET /v1/documents with the search filters, facet counts and orders. The counts are a search's for the same filters
 * (a word every document holds makes the two comparable), each facet's count is what its link lists over all pages,
 * the orders hold across pages, and the documents taking effect or ending within dates are the ones the status engine
 * (GET /v1/documents/{id}/status) says, with the same grounds.
 */
import { dayBefore } from '../../domain/dates';
import { ingestDocument } from '../../domain/services/ingest';
import { Problem } from '../../schemas/common';
import { ListDocumentsResponse } from '../../schemas/documents';
import { SearchResponse } from '../../schemas/search';
import { StatusResponse } from '../../schemas/status';
import { CORPUS_FILES, corpusFile } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';

type Api = Awaited<ReturnType<typeof startLocalApi>>;
type Listed = ReturnType<typeof ListDocumentsResponse.parse>;
type Params = Record<string, string>;

let api: Api;
/** The documents the store holds (several corpus files are originals of one document: 48). */
const stored: string[] = [];

beforeAll(async () => {
  api = await startLocalApi();
  for (const f of CORPUS_FILES) await ingestDocument(api.embedded.ports, { fileName: f, bytes: corpusFile(f) });
  await api.index();
  // The plain list pages over the store, as it did before browsing.
  let url = `${api.base}/v1/documents?limit=9`;
  for (let i = 0; i < 20; i++) {
    const page = ListDocumentsResponse.parse(await (await fetch(url)).json());
    expect(page.total).toBeUndefined();
    stored.push(...page.items.map((d) => d.id));
    if (!page.nextCursor) break;
    url = `${api.base}/v1/documents?limit=9&cursor=${page.nextCursor}`;
  }
}, 180_000);
afterAll(() => api?.close());

const qs = (p: Params) => new URLSearchParams(p).toString();

async function list(p: Params): Promise<Listed> {
  const res = await fetch(`${api.base}/v1/documents?${qs(p)}`);
  const body = await res.json();
  expect([qs(p), res.status]).toEqual([qs(p), 200]);
  return ListDocumentsResponse.parse(body);
}

/** Every page of a browse (a small page size, so the cursors are used), with the first page's total and facets. */
async function all(p: Params, limit = 7): Promise<{ ids: string[]; items: Listed['items']; total: number | undefined; facets: Listed['facets'] }> {
  const first = await list({ ...p, limit: String(limit) });
  const items = [...first.items];
  let next = first.nextCursor;
  for (let i = 0; next && i < 100; i++) {
    const page = await list({ ...p, limit: String(limit), cursor: next });
    expect(page.total).toBe(first.total);
    items.push(...page.items);
    next = page.nextCursor;
  }
  return { ids: items.map((d) => d.id), items, total: first.total, facets: first.facets };
}

async function expectProblem(path: string, status = 400, type = '/problems/validation') {
  const res = await fetch(`${api.base}${path}`);
  expect([path, res.status]).toEqual([path, status]);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = Problem.parse(await res.json());
  expect([path, body.type]).toEqual([path, type]);
  return body;
}

const FILTERS: Params[] = [
  {},
  { sector: '20' },
  { type: 'thong_tu' },
  { issuer: 'Quốc hội' },
  { issuer: 'quoc hoi', status: 'in_force' },
  { inForceAt: '2024-01-01' },
  { inForceAt: '2025-07-01', sector: '2' },
  { year: '2025' },
  { province: 'ha noi' },
  { issuedFrom: '2020-01-01', issuedTo: '2022-12-31' },
  { status: 'expired' },
];

/** A word every document of the corpus holds: a search for it with scope=documents matches every document. */
const EVERY = 'va';

describe('browse counts are the search facets for the same filters', () => {
  it('lists every document once over its pages, as many as the total and the facets count', async () => {
    for (const f of FILTERS) {
      const b = await all({ ...f, facets: 'true' });
      const label = qs(f);
      expect({ label, unique: new Set(b.ids).size }).toEqual({ label, unique: b.ids.length });
      expect({ label, listed: b.ids.length }).toEqual({ label, listed: b.total });
      const sum = (k: 'type' | 'status') => (b.facets?.[k] ?? []).reduce((n, x) => n + x.count, 0);
      expect({ label, type: sum('type'), status: sum('status') }).toEqual({ label, type: b.total, status: b.total });
    }
  });

  it('counts as a search does: the same total and type, issuer, status and year facets', async () => {
    const everything = await list({ facets: 'true' });
    expect(stored.length).toBeGreaterThanOrEqual(45);
    expect(everything.total).toBe(stored.length);
    for (const f of FILTERS) {
      const b = await list({ ...f, facets: 'true', limit: '1' });
      const res = await fetch(`${api.base}/v1/search?${qs({ q: EVERY, scope: 'documents', facets: 'true', ...f })}`);
      const s = SearchResponse.parse(await res.json());
      const label = qs(f);
      const { sector, ...four } = b.facets ?? { sector: [] };
      expect({ label, total: b.total, facets: four }).toEqual({ label, total: s.total, facets: s.facets });
      expect(sector.length).toBeGreaterThan(0);
    }
  });

  it('lists, behind each facet of the home page, as many documents as its count says', async () => {
    const { facets } = await list({ facets: 'true', limit: '1' });
    const checks: [string, string, number][] = [
      ...(facets?.type ?? []).map((b): [string, string, number] => ['type', b.value, b.count]),
      ...(facets?.issuer ?? []).slice(0, 6).map((b): [string, string, number] => ['issuer', b.value, b.count]),
      ...(facets?.sector ?? []).map((b): [string, string, number] => ['sector', b.value, b.count]),
      ...(facets?.year ?? []).slice(0, 6).map((b): [string, string, number] => ['year', b.value, b.count]),
      ...(facets?.status ?? []).map((b): [string, string, number] => ['status', b.value, b.count]),
    ];
    expect(checks.length).toBeGreaterThan(20);
    for (const [key, value, count] of checks) {
      // What the home page's facet link asks (`type` alone would page over the store, without a total).
      const b = await all({ [key]: value, sort: 'date' }, 20);
      expect({ key, value, listed: b.ids.length, total: b.total }).toEqual({ key, value, listed: count, total: count });
    }
  });
});

describe('filters', () => {
  it('browses a sector with facets: every document listed is filed under it', async () => {
    const b = await all({ sector: '20', facets: 'true' });
    expect(b.total).toBeGreaterThanOrEqual(10);
    expect(b.facets?.sector.find((s) => s.value === '20')?.count).toBe(b.total);
    for (const id of b.ids) {
      const s = (await (await fetch(`${api.base}/v1/documents/${encodeURIComponent(id)}/sectors`)).json()) as { sectors: { code: string }[] };
      expect({ id, codes: s.sectors.map((x) => x.code) }).toEqual({ id, codes: expect.arrayContaining(['20']) });
    }
    // Search needs a query; browsing is how a sector is listed.
    expect((await fetch(`${api.base}/v1/search?sector=20`)).status).toBe(400);
  });

  it('reads inForceAt as the status at that date (/status agrees on every document)', async () => {
    const at = '2024-07-01';
    const inForce = new Set((await all({ inForceAt: at }, 50)).ids);
    for (const id of stored) {
      const s = StatusResponse.parse(await (await fetch(`${api.base}/v1/documents/${encodeURIComponent(id)}/status?at=${at}`)).json());
      const live = s.status === 'in_force' || s.status === 'partially_expired';
      expect({ id, status: s.status, listed: inForce.has(id) }).toEqual({ id, status: s.status, listed: live });
    }
  });
});

describe('orders', () => {
  it('sort=date lists the newest issued first, undated last, across pages', async () => {
    const b = await all({ sort: 'date' }, 6);
    expect(b.ids.slice().sort()).toEqual(stored.slice().sort());
    const issued = b.items.map((d) => d.issued);
    const dated = issued.filter((d): d is string => d !== null);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(issued.slice(dated.length).every((d) => d === null)).toBe(true);
    expect(b.items[0]?.id).toBe('12-VBHN-BTC-2026');
    // Ties by id.
    for (let i = 1; i < b.items.length; i++) if (issued[i] === issued[i - 1]) expect((b.items[i - 1]?.id ?? '') < (b.items[i]?.id ?? '')).toBe(true);
  });

  it('sort=id (the default when browsing) lists what the store lists, in the same order', async () => {
    expect((await all({ sort: 'id' }, 8)).ids).toEqual(stored);
    expect((await all({ facets: 'false' }, 8)).ids).toEqual(stored);
  });

  it('keeps number= as it was', async () => {
    const found = await list({ number: '09/2022/TT-BLĐTBXH' });
    expect(found.items.map((d) => d.id)).toEqual(['09-2022-TT-BLDTBXH']);
    expect(found.total).toBeUndefined();
  });
});

describe('documents taking effect or ending within dates, with the date and the ground', () => {
  const FROM = '2025-06-15';
  const TO = '2025-07-14';

  /** What the status engine says over HTTP: per document, the dates in the window its validity begins or ends. */
  async function expected(from: string, to: string): Promise<{ starts: string[]; ends: string[] }> {
    const starts: string[] = [];
    const ends: string[] = [];
    for (const id of stored) {
      const status = async (at: string) =>
        StatusResponse.parse(await (await fetch(`${api.base}/v1/documents/${encodeURIComponent(id)}/status?at=${at}`)).json());
      for (const d of (await status(to)).changes.filter((c) => c >= from && c <= to)) {
        const [before, now] = [(await status(dayBefore(d))).status, (await status(d)).status];
        if (before === 'not_yet_in_force' && now !== 'not_yet_in_force') starts.push(`${id} ${d}`);
        if (before !== 'expired' && now === 'expired') ends.push(`${id} ${d}`);
      }
    }
    return { starts: starts.sort(), ends: ends.sort() };
  }

  it('names the documents taking effect, soonest first, each with its date, status and ground', async () => {
    const b = await all({ effectiveFrom: FROM, effectiveTo: TO, sort: 'effective' }, 3);
    expect(b.ids.sort()).toEqual(['158-2025-ND-CP', '19-VBHN-VPQH-2026', '41-2024-QH15', '58-VBHN-VPQH-2025', '78-2025-UBTVQH15']);
    for (const d of b.items) {
      expect(d.changes).toHaveLength(1);
      expect(d.changes?.[0]).toMatchObject({ kind: 'takes_effect', date: '2025-07-01', before: 'not_yet_in_force' });
      expect(['in_force', 'partially_expired']).toContain(d.changes?.[0]?.status);
      // The ground is the status engine's, as /status gives it on that date.
      const s = StatusResponse.parse(await (await fetch(`${api.base}/v1/documents/${encodeURIComponent(d.id)}/status?at=2025-07-01`)).json());
      expect({ id: d.id, reasons: d.changes?.[0]?.reasons }).toEqual({ id: d.id, reasons: s.reasons });
    }
    const law = b.items.find((d) => d.id === '41-2024-QH15');
    expect(law?.changes?.[0]?.reasons.map((r) => r.message).join(' ')).toContain('2025-07-01');
    const vbhn = b.items.find((d) => d.id === '19-VBHN-VPQH-2026');
    expect(vbhn?.changes?.[0]?.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'consolidated_text', workId: '41-2024-QH15' })]));
  });

  it('names the documents ending, with the document that ends them', async () => {
    const b = await list({ expiryFrom: FROM, expiryTo: TO, sort: 'expiry' });
    expect(b.items.map((d) => d.id)).toEqual(['58-2014-QH13']);
    expect(b.items[0]?.changes).toEqual([
      expect.objectContaining({ kind: 'ends', date: '2025-07-01', status: 'expired', before: expect.stringMatching(/in_force|partially_expired/) }),
    ]);
    expect(b.items[0]?.changes?.[0]?.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ workId: '41-2024-QH15', date: '2025-07-01' })]));
  });

  it('agrees with the change dates of /status on every document, in two windows', async () => {
    for (const [from, to] of [
      [FROM, TO],
      ['2024-06-01', '2024-07-01'],
    ] as const) {
      const want = await expected(from, to);
      const starts = (await all({ effectiveFrom: from, effectiveTo: to, sort: 'effective' }, 50)).items.flatMap((d) =>
        (d.changes ?? []).map((c) => `${d.id} ${c.date}`),
      );
      const ends = (await all({ expiryFrom: from, expiryTo: to, sort: 'expiry' }, 50)).items.flatMap((d) => (d.changes ?? []).map((c) => `${d.id} ${c.date}`));
      expect({ from, starts: starts.sort(), ends: ends.sort() }).toEqual({ from, ...want });
    }
  });

  it('sorts by the date of the change, soonest first, across pages', async () => {
    const b = await all({ expiryFrom: '2020-01-01', expiryTo: '2026-12-31', sort: 'expiry' }, 2);
    const dates = b.items.map((d) => d.changes?.[0]?.date ?? '');
    expect(dates.length).toBeGreaterThanOrEqual(5);
    expect(dates).toEqual([...dates].sort());
    expect(b.ids).toEqual(expect.arrayContaining(['09-2022-TT-BLDTBXH', '02-2023-TT-BLDTBXH', '38-2022-ND-CP', '58-2014-QH13']));
  });
});

describe('bad input', () => {
  it('answers problem+json 400', async () => {
    for (const p of [
      'inForceAt=2024-02-30',
      'year=abc',
      'year=1800',
      'sort=relevance',
      'facets=maybe',
      'effectiveFrom=2025-07-01&effectiveTo=2025-06-01',
      'expiryFrom=2025-13-01',
      'issuedFrom=2025-01-01&issuedTo=2024-01-01',
      'status=gone',
      'sector=20&asRecordedAt=2025-01-01',
      'number=09%2F2022%2FTT-BL%C4%90TBXH&sector=20',
      'sort=date&cursor=abc',
    ])
      await expectProblem(`/v1/documents?${p}`);
    // A cursor belongs to its order.
    const page = await list({ sort: 'date', limit: '2' });
    await expectProblem(`/v1/documents?${qs({ sort: 'id', cursor: page.nextCursor ?? '' })}`);
    await expectProblem(`/v1/documents?${qs({ cursor: page.nextCursor ?? '' })}`);
  });
});

describe('withdrawn documents', () => {
  it('are never listed or counted', async () => {
    const before = await list({ sector: '20', facets: 'true', limit: '100' });
    expect(before.items.map((d) => d.id)).toContain('08-2022-QD-TTg');
    const reviewer = await api.token(['reviewer']);
    const res = await fetch(`${api.base}/v1/documents/08-2022-QD-TTg/withdraw`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reviewer}` },
      body: JSON.stringify({ reason: 'Tiếp nhận nhầm' }),
    });
    expect(res.status).toBe(200);
    await api.index();
    const after = await list({ sector: '20', facets: 'true', limit: '100' });
    expect(after.items.map((d) => d.id)).not.toContain('08-2022-QD-TTg');
    expect(after.total).toBe((before.total ?? 0) - 1);
    expect(after.facets?.type.find((t) => t.value === 'quyet_dinh')?.count ?? 0).toBe(
      (before.facets?.type.find((t) => t.value === 'quyet_dinh')?.count ?? 0) - 1,
    );
  });
});
