/**
 * Sectors and systematization over HTTP on the local runtime, on the whole development corpus (test/fixtures/corpus):
 * the lists of Bộ Lao động - Thương binh và Xã hội at 2024-12-31 with the ground of each status, CSV that parses back
 * to the same rows, a printable page that escapes text, and the role rule of every route.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { importHeading } from '../../domain/services/codification';
import { ingestDocument } from '../../domain/services/ingest';
import { documentStatus } from '../../domain/services/status';
import { DocumentWithUnits, Problem } from '../../schemas/common';
import { DocumentSectorsResponse, SectorsResponse, SystematizationResponse } from '../../schemas/systematization';
import { parseCsv } from '../support/csv';
import { CORPUS_FILES, corpusFile, PHAPDIEN_20_5 } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';

const MOLISA = 'Bộ Lao động - Thương binh và Xã hội';

type Api = Awaited<ReturnType<typeof startLocalApi>>;
let api: Api;

beforeAll(async () => {
  api = await startLocalApi();
  for (const f of CORPUS_FILES) await ingestDocument(api.embedded.ports, { fileName: f, bytes: corpusFile(f) });
  // Đề mục 20.5 (Lao động): its codified articles whose source is Luật 84/2015/QH13 are evidence of that law's sector.
  const demuc = PHAPDIEN_20_5;
  await importHeading(api.embedded.ports, gunzipSync(readFileSync(demuc)).toString('utf8'), 'b10e4fa0-bfe1-42c1-8ff0-0af74ec834ed');
  await api.index();
}, 180_000);
afterAll(() => api?.close());

const get = async (path: string, token?: string) => {
  const res = await fetch(`${api.base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : undefined);
  return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, text: await res.text() };
};
const put = (path: string, body: unknown, token?: string) =>
  fetch(`${api.base}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
const listsOf = async (query: string) => {
  const res = await get(`/v1/systematization?${query}`);
  expect([query, res.status]).toEqual([query, 200]);
  return SystematizationResponse.parse(JSON.parse(res.text));
};
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe('the systematization of Bộ Lao động - Thương binh và Xã hội at 2024-12-31', () => {
  let s: ReturnType<typeof SystematizationResponse.parse>;
  const rows = (key: string) => s.lists.find((l) => l.key === key)?.rows ?? [];
  const numbers = (key: string) => rows(key).map((r) => r.number);

  beforeAll(async () => {
    s = await listsOf(q({ issuer: MOLISA, at: '2024-12-31' }));
  });

  it('names the issuer and the cut-off date, and has the five lists', () => {
    expect(s.subject).toEqual({ kind: 'issuer', name: MOLISA });
    expect(s.at).toBe('2024-12-31');
    expect(s.lists.map((l) => l.key)).toEqual(['in_force', 'expired', 'partially_expired', 'to_review', 'other']);
  });

  it('lists 09/2022/TT-BLĐTBXH as expired from 2024-06-05 on the ground of 169/QĐ-BLĐTBXH', () => {
    const row = rows('expired').find((r) => r.number === '09/2022/TT-BLĐTBXH');
    expect(row).toBeDefined();
    expect(row?.statusLabel).toBe('Hết hiệu lực toàn bộ');
    expect(row?.grounds[0]).toMatchObject({ code: 'announced_expired', number: '169/QĐ-BLĐTBXH', date: '2024-06-05' });
    expect(row?.grounds[0]?.workId).toMatch(/^169-QD-BLDTBXH/);
    expect(row?.grounds[0]?.message).toContain('169/QĐ-BLĐTBXH');
    expect(numbers('expired')).toEqual(expect.arrayContaining(['09/2022/TT-BLĐTBXH', '02/2023/TT-BLĐTBXH']));
  });

  it('lists 21/2021/TT-BLĐTBXH as partially expired: units amended or replaced by 02/2024/TT-BLĐTBXH, as 169/QĐ-BLĐTBXH announces', () => {
    const row = rows('partially_expired').find((r) => r.number === '21/2021/TT-BLĐTBXH');
    expect(row?.grounds.length).toBeGreaterThan(1);
    const byAmendment = row?.grounds.filter((g) => g.number === '02/2024/TT-BLĐTBXH') ?? [];
    expect(byAmendment.some((g) => g.code === 'amended')).toBe(true);
    for (const g of byAmendment) {
      expect(g).toMatchObject({ code: expect.stringMatching(/^(amended|replaced|repealed)$/), date: '2024-05-15' });
      expect(g.citation).toMatch(/^(Điều \d+|Phụ lục [IVX]+)/);
    }
    expect(row?.grounds.find((g) => g.number === '169/QĐ-BLĐTBXH')).toMatchObject({ code: 'announced_expired', date: '2024-05-15' });
    // And 08/2023/TT-BLĐTBXH, which 2007/VBHN-BLĐTBXH lists as amending it though its text is not in the database.
    expect(row?.grounds.find((g) => g.number === '08/2023/TT-BLĐTBXH')?.message).toMatch(/chưa có trong Cơ sở dữ liệu \(theo 2007\/VBHN-BLĐTBXH\)/);
    expect(row?.grounds.every((g) => ['02/2024/TT-BLĐTBXH', '169/QĐ-BLĐTBXH', '08/2023/TT-BLĐTBXH'].includes(g.number ?? ''))).toBe(true);
  });

  it('lists the documents in force (with the joint circular it co-issued), every row with its ground and sectors', () => {
    expect(numbers('in_force')).toEqual(expect.arrayContaining(['02/2024/TT-BLĐTBXH', '01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH']));
    for (const l of s.lists)
      for (const r of l.rows) {
        expect([r.number, r.grounds.length > 0]).toEqual([r.number, true]);
        expect([r.number, r.sectors.length > 0]).toEqual([r.number, true]);
      }
    expect(rows('in_force').find((r) => r.number === '02/2024/TT-BLĐTBXH')?.grounds[0]).toMatchObject({ code: 'in_force_since', date: '2024-05-15' });
  });

  it('puts each document on exactly one status list, the status the status API gives at that date', async () => {
    const statusLists = s.lists.filter((l) => l.key !== 'to_review');
    const ids = statusLists.flatMap((l) => l.rows.map((r) => r.documentId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(s.total);
    for (const r of statusLists.flatMap((l) => l.rows))
      expect([r.documentId, r.status]).toEqual([r.documentId, (await documentStatus(api.embedded.ports, r.documentId, '2024-12-31')).status]);
  });

  it('leaves out consolidated texts (VBHN) and documents issued after the cut-off date', async () => {
    const all = s.lists.flatMap((l) => l.rows.map((r) => r.number));
    expect(all).not.toContain('1676/VBHN-BLĐTBXH');
    expect(all).not.toContain('169/QĐ-BLĐTBXH'); // issued 2025-01-24
    const later = await listsOf(q({ issuer: MOLISA, at: '2025-06-30' }));
    expect(later.lists.flatMap((l) => l.rows.map((r) => r.number))).toContain('169/QĐ-BLĐTBXH');
  });

  it('finds the same documents by the name without diacritics, in capitals, or by the code in the numbers', async () => {
    const ids = (x: typeof s) => x.lists.map((l) => l.rows.map((r) => r.documentId));
    expect(ids(await listsOf(q({ issuer: 'bo lao dong thuong binh va xa hoi', at: '2024-12-31' })))).toEqual(ids(s));
    expect(ids(await listsOf(q({ issuer: 'BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', at: '2024-12-31' })))).toEqual(ids(s));
    expect(ids(await listsOf(q({ issuer: 'BLĐTBXH', at: '2024-12-31' })))).toEqual(ids(s));
  });

  it('CSV: text/csv in UTF-8 with a BOM, RFC 4180, parsing back to the same rows and grounds', async () => {
    const res = await get(`/v1/systematization?${q({ issuer: MOLISA, at: '2024-12-31', format: 'csv' })}`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const raw = Buffer.from(await (await fetch(`${api.base}/v1/systematization?${q({ issuer: MOLISA, at: '2024-12-31', format: 'csv' })}`)).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = parseCsv(res.text);
    expect(header?.[2]).toBe('Số, ký hiệu');
    const expected = s.lists.flatMap((l) =>
      l.rows.map((r) => [l.title, String(r.stt), r.number, r.statusLabel, r.grounds.map((g) => g.message), r.documentId]),
    );
    expect(records.map((c) => [c[0], c[1], c[2], c[7], c[8]?.split('\n'), c[11]])).toEqual(expected);
  });

  it('HTML: a complete printable page with the lists and the grounds', async () => {
    const res = await get(`/v1/systematization?${q({ issuer: MOLISA, at: '2024-12-31', format: 'html' })}`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/html');
    expect(res.text).toMatch(/^<!doctype html><html lang="vi"><head><meta charset="utf-8">/);
    expect(res.text).toContain('@media print');
    expect(res.text).toContain('Tính đến ngày 31/12/2024');
    expect(res.text).toContain('09/2022/TT-BLĐTBXH');
    expect(res.text).toContain('Được công bố hết hiệu lực bởi 169/QĐ-BLĐTBXH');
  });
});

describe('systematization requests', () => {
  it('escapes what the caller typed in the printable page', async () => {
    const res = await get(`/v1/systematization?${q({ issuer: '<script>alert(1)</script>', at: '2024-12-31', format: 'html' })}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses neither or both of issuer and province, and a date that is not one', async () => {
    for (const query of [
      q({ at: '2024-12-31' }),
      q({ issuer: MOLISA, province: 'Hà Nội' }),
      q({ issuer: MOLISA, at: '2024-02-31' }),
      q({ issuer: MOLISA, format: 'pdf' }),
    ]) {
      const res = await get(`/v1/systematization?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(Problem.parse(JSON.parse(res.text)).type).toBe('/problems/validation');
    }
  });

  it('lists a province’s local documents (Hà Nội)', async () => {
    const s = await listsOf(q({ province: 'thành phố Hà Nội', at: '2025-12-31' }));
    expect(s.subject).toEqual({ kind: 'province', name: 'Hà Nội' });
    const ids = s.lists.filter((l) => l.key !== 'to_review').flatMap((l) => l.rows.map((r) => r.documentId));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids.every((id) => id.endsWith('HaNoi') || id.includes('HaNoi'))).toBe(true);
  });
});

describe('sectors', () => {
  it('GET /v1/sectors is public: the 45 chủ đề', async () => {
    const res = await get('/v1/sectors');
    expect(res.status).toBe(200);
    const body = SectorsResponse.parse(JSON.parse(res.text));
    expect(body.sectors).toHaveLength(45);
    expect(body.sectors.find((x) => x.code === '20')?.name).toBe('Lao động');
  });

  it('GET /v1/documents/{id}/sectors is public: suggestions with evidence, codified articles first', async () => {
    const law = DocumentSectorsResponse.parse(JSON.parse((await get('/v1/documents/84-2015-QH13/sectors')).text));
    expect(law.confirmed).toBeNull();
    expect(law.suggestions[0]?.code).toBe('20');
    expect(law.suggestions[0]?.evidence[0]).toMatchObject({ kind: 'codified' });
    expect(law.sectors[0]).toEqual({ code: '20', name: 'Lao động' });
    expect((await get('/v1/documents/99-2099-TT-XYZ/sectors')).status).toBe(404);
  });

  it('GET /v1/documents/{id} lists the codified articles that carry its articles (issue 21: the document page marks them)', async () => {
    const law = DocumentWithUnits.parse(JSON.parse((await get('/v1/documents/84-2015-QH13')).text));
    expect(law.codified?.length).toBeGreaterThan(10);
    for (const c of law.codified ?? []) expect(c.code).toMatch(/^20\.5\./);
    // Each names an article the document has.
    type U = (typeof law.units)[number];
    const all = (us: U[]): U[] => us.flatMap((u) => [u, ...all(u.children as U[])]);
    const articles = new Set(
      all(law.units)
        .filter((u) => u.kind === 'article')
        .map((u) => u.num),
    );
    expect((law.codified ?? []).filter((c) => c.article && !articles.has(c.article))).toEqual([]);
    expect(DocumentWithUnits.parse(JSON.parse((await get('/v1/documents/09-2022-TT-BLDTBXH')).text)).codified).toEqual([]);
  });

  it('PUT /v1/documents/{id}/sectors: 401 without an identity, 403 for editor, commenter, drafter, appraiser; 200 for a reviewer', async () => {
    const path = '/v1/documents/09-2022-TT-BLDTBXH/sectors';
    const inSector = async (sector: string) =>
      (JSON.parse((await get(`/v1/search?${q({ q: '09/2022/TT-BLĐTBXH', sector, scope: 'documents' })}`)).text) as { hits: { documentId: string }[] }).hits.map(
        (h) => h.documentId,
      );
    // Before any confirmation the document is filed under its top suggestion only (Lao động).
    expect(await inSector('20')).toContain('09-2022-TT-BLDTBXH');
    expect(await inSector('6')).not.toContain('09-2022-TT-BLDTBXH');
    const body = { codes: ['6', '20'], reason: 'Giảm nghèo bền vững: chính sách xã hội và lao động' };
    const none = await put(path, body);
    expect(none.status).toBe(401);
    expect(Problem.parse(await none.json()).type).toBe('/problems/unauthenticated');
    for (const role of ['editor', 'commenter', 'drafter', 'appraiser']) {
      const res = await put(path, body, await api.token([role]));
      expect([role, res.status]).toEqual([role, 403]);
      expect(Problem.parse(await res.json()).type).toBe('/problems/forbidden');
    }
    // Nothing was written by the refused requests.
    expect(DocumentSectorsResponse.parse(JSON.parse((await get(path)).text)).confirmed).toBeNull();

    const reviewer = await api.token(['reviewer']);
    const ok = await put(path, body, reviewer);
    expect(ok.status).toBe(200);
    const confirmed = DocumentSectorsResponse.parse(await ok.json());
    expect(confirmed.changed).toBe(true);
    expect(confirmed.confirmed).toMatchObject({ codes: ['6', '20'], confirmedBy: 'user-reviewer', reason: body.reason });
    expect(confirmed.sectors.map((x) => x.code)).toEqual(['6', '20']);
    // The same confirmation again writes nothing.
    expect(DocumentSectorsResponse.parse(await (await put(path, body, reviewer)).json()).changed).toBe(false);
    // A code outside the catalogue, or no reason, is refused.
    expect((await put(path, { codes: ['99'], reason: 'sai mã' }, reviewer)).status).toBe(400);
    expect((await put(path, { codes: ['20'] }, reviewer)).status).toBe(400);

    // The stream re-indexes the document: search filters by the confirmed sector, and the lists show it confirmed.
    await api.index();
    expect(await inSector('6')).toContain('09-2022-TT-BLDTBXH');
    const s = await listsOf(q({ issuer: MOLISA, at: '2024-12-31' }));
    const row = s.lists.flatMap((l) => l.rows).find((r) => r.documentId === '09-2022-TT-BLDTBXH');
    expect(row).toMatchObject({
      sectorsConfirmed: true,
      sectors: [
        { code: '6', name: 'Chính sách xã hội' },
        { code: '20', name: 'Lao động' },
      ],
    });
  });
});
