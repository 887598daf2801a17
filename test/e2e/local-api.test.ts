import { connect } from 'node:net';
/**
 * The local runtime end to end over HTTP: routes, identities, limits, problem+json, caching, and the first vertical
 * slice (POST a document, read it back by id and number, list, search).
 */
import { DocumentWithUnits, Problem } from '../../schemas/common';
import { CreateDocumentResponse, LintResponse, ListDocumentsResponse, UnitResponse } from '../../schemas/documents';
import { SearchResponse } from '../../schemas/search';
import { sampleFile } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';

type Api = Awaited<ReturnType<typeof startLocalApi>>;

/** A request written by hand, for targets fetch() would normalise away. */
function rawRequest(requestLine: string): Promise<string> {
  const { port } = new URL(api.base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(`${requestLine}\r\nhost: localhost\r\nconnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (d) => {
      data += d.toString();
    });
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}
let api: Api;
let editor: string;

beforeAll(async () => {
  api = await startLocalApi();
  editor = await api.token(['editor']);
});
afterAll(() => api.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${api.base}/v1/documents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function expectProblem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = Problem.parse(await res.json());
  expect(body).toMatchObject({ status, type });
  return body;
}

describe('platform routes', () => {
  it('answers /health and serves the web page at /', async () => {
    const health = await fetch(`${api.base}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'sqlite' });
    const page = await fetch(`${api.base}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<title>CSDLQG pháp luật');
  });

  it('serves an OpenAPI 3.1 document listing every route', async () => {
    const doc = (await (await fetch(`${api.base}/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, { security: unknown[] }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/v1/documents', '/v1/documents/{id}', '/v1/search']));
    expect(doc.paths['/v1/documents']?.post?.security).toEqual([{ bearer: [] }]);
  });

  it('answers HEAD like GET without a body, and refuses malformed targets and encodings with 400', async () => {
    const head = await fetch(`${api.base}/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    await expectProblem(await fetch(`${api.base}/v1/documents/%E0%A4`), 400, '/problems/validation');
    const raw = await rawRequest('GET //v1/documents HTTP/1.1');
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
  });

  it('answers unknown routes and wrong methods with problem+json', async () => {
    await expectProblem(await fetch(`${api.base}/v1/nothing-here`), 404, '/problems/route-not-found');
    const res = await fetch(`${api.base}/health`, { method: 'DELETE' });
    await expectProblem(res, 405, '/problems/method-not-allowed');
  });
});

describe('writes need an editor', () => {
  const doc = { fileName: '38-2022-ND-CP.txt', content: sampleFile('38-2022-ND-CP.txt').toString('utf8') };

  it('401 without a token, or with a forged one', async () => {
    const none = await fetch(`${api.base}/v1/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(doc) });
    await expectProblem(none, 401, '/problems/unauthenticated');
    const forged = await post(doc, { authorization: `Bearer ${editor.slice(0, -4)}AAAA` });
    await expectProblem(forged, 401, '/problems/unauthenticated');
  });

  it('checks identity before reading a body: an anonymous oversized upload gets 401, not 413', async () => {
    const res = await fetch(`${api.base}/v1/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileName: 'huge.txt', content: 'x'.repeat(6_000_000) }),
    });
    await expectProblem(res, 401, '/problems/unauthenticated');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('403 for an identity without the editor role', async () => {
    await expectProblem(await post(doc, { authorization: `Bearer ${await api.token([])}` }), 403, '/problems/forbidden');
  });

  it('400 for malformed JSON and for a body that fails the schema, listing what is wrong', async () => {
    await expectProblem(await post('{"fileName": '), 400, '/problems/malformed-json');
    const body = await expectProblem(await post({ fileName: '', content: 'x', extra: 1 }), 400, '/problems/validation');
    expect(body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['body.fileName']));
  });

  it('415 for a body that is not JSON', async () => {
    await expectProblem(await post('plain', { 'content-type': 'text/plain' }), 415, '/problems/unsupported-media-type');
  });

  it('413 for a body over the limit, and nothing is stored', async () => {
    const huge = { fileName: 'huge.txt', content: 'Điều 1. '.repeat(700_000) };
    await expectProblem(await post(huge), 413, '/problems/payload-too-large');
    const stored = (await api.embedded.ports.works.list({ limit: 100 })).items.flatMap((w) => w.sources.map((s) => s.fileName));
    expect(stored).not.toContain('huge.txt');
  });

  it('422 for a file that is not a readable legal text', async () => {
    const res = await post({ fileName: 'x.pdf', content: Buffer.from('%PDF-1.4').toString('base64'), encoding: 'base64' });
    const body = await expectProblem(res, 422, '/problems/unreadable-document');
    expect(body.detail).toContain('x.pdf');
  });
});

describe('format linting for drafting teams', () => {
  const draft = ['Số: 12/2026/TT-BTEST', 'THÔNG TƯ', 'Quy định thử', 'Điều 1. Phạm vi', '1. Một.', '3. Ba.', 'Điều 2. Đối tượng', 'a) một;', 'f) sai.'].join(
    '\n',
  );

  it('POST /v1/lint answers the findings by line, without storing anything', async () => {
    const res = await fetch(`${api.base}/v1/lint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileName: 'draft.txt', content: draft }),
    });
    expect(res.status).toBe(200);
    const body = LintResponse.parse(await res.json());
    expect(body.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['numbering.gap', 'point.letter_invalid', 'effective.missing']));
    expect(body.diagnostics.find((d) => d.code === 'point.letter_invalid')?.line).toBe(9);
    expect(body.errors).toBeGreaterThan(0);
  });

  it('a strict ingestion of a draft with format errors is refused with 422 and the list, and nothing is stored', async () => {
    const res = await post({ fileName: 'draft.txt', content: draft, strict: true });
    const problem = await expectProblem(res, 422, '/problems/lint-failed');
    expect(problem.diagnostics?.map((d) => d.code)).toContain('numbering.gap');
    expect(await api.embedded.ports.works.get('12-2026-TT-BTEST')).toBeNull();
  });
});

describe('the first vertical slice', () => {
  it('stores a document (201 with Location), then answers 200 unchanged for the same bytes', async () => {
    const body = { fileName: '09-2022-TT-BLDTBXH.txt', content: sampleFile('09-2022-TT-BLDTBXH.txt').toString('base64'), encoding: 'base64' };
    const created = await post(body);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/documents/09-2022-TT-BLDTBXH');
    const first = CreateDocumentResponse.parse(await created.json());
    expect(first).toMatchObject({ outcome: 'created', document: { id: '09-2022-TT-BLDTBXH', number: '09/2022/TT-BLĐTBXH', typeLabel: 'Thông tư' } });
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(CreateDocumentResponse.parse(await again.json()).outcome).toBe('unchanged');
  });

  it('reads the document back by id and by number in any spelling', async () => {
    for (const ref of ['09-2022-TT-BLDTBXH', encodeURIComponent('09/2022/TT-BLĐTBXH'), '09-2022-tt-bldtbxh', encodeURIComponent('09–2022–TT–BLĐTBXH')]) {
      const res = await fetch(`${api.base}/v1/documents/${ref}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe('09-2022-TT-BLDTBXH');
    }
    const missing = await expectProblem(await fetch(`${api.base}/v1/documents/99-2099-TT-BX`), 404, '/problems/not-found');
    expect(missing.detail).toContain('99-2099-TT-BX');
    const list = ListDocumentsResponse.parse(await (await fetch(`${api.base}/v1/documents?number=${encodeURIComponent('09/2022/TT-BLĐTBXH')}`)).json());
    expect(list.items.map((d) => d.id)).toEqual(['09-2022-TT-BLDTBXH']);
  });

  it('returns the document with its units, and one unit with its citation, path and children', async () => {
    const doc = DocumentWithUnits.parse(await (await fetch(`${api.base}/v1/documents/09-2022-TT-BLDTBXH`)).json());
    expect(doc.unitCount).toBeGreaterThan(50);
    expect(doc.units.map((u) => u.eId)).toEqual(['chp_I', 'chp_II', 'chp_III', 'chp_IV']);
    const res = await fetch(`${api.base}/v1/documents/09-2022-TT-BLDTBXH/units/art_5__para_1`);
    const body = UnitResponse.parse(await res.json());
    expect(body.unit).toMatchObject({ eId: 'art_5__para_1', kind: 'clause', num: '1', citation: 'Điều 5, khoản 1' });
    expect(body.path.map((p) => p.eId)).toEqual(['chp_II', 'art_5', 'art_5__para_1']);
    await expectProblem(await fetch(`${api.base}/v1/documents/09-2022-TT-BLDTBXH/units/art_999`), 404, '/problems/not-found');
    await expectProblem(await fetch(`${api.base}/v1/documents/09-2022-TT-BLDTBXH/units/art%2F5`), 400, '/problems/validation');
  });

  it('sends ETag and Cache-Control on reads and answers 304 when nothing changed', async () => {
    const res = await fetch(`${api.base}/v1/documents/09-2022-TT-BLDTBXH`);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const cached = await fetch(`${api.base}/v1/documents/09-2022-TT-BLDTBXH`, { headers: { 'if-none-match': etag ?? '' } });
    expect(cached.status).toBe(304);
  });

  it('pages the list with cursors and rejects a forged cursor', async () => {
    for (const f of ['02-2023-TT-BLDTBXH.txt', '38-2022-ND-CP.txt', '74-2025-NQ-HDND-HaNoi.txt'])
      expect((await post({ fileName: f, content: sampleFile(f).toString('utf8') })).status).toBe(201);
    const seen: string[] = [];
    let url = `${api.base}/v1/documents?limit=2`;
    for (let i = 0; i < 10; i++) {
      const page = ListDocumentsResponse.parse(await (await fetch(url)).json());
      seen.push(...page.items.map((d) => d.id));
      if (!page.nextCursor) break;
      url = `${api.base}/v1/documents?limit=2&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(['02-2023-TT-BLDTBXH', '09-2022-TT-BLDTBXH', '38-2022-ND-CP', '74-2025-NQ-HDND-HaNoi']);
    await expectProblem(await fetch(`${api.base}/v1/documents?cursor=abc`), 400, '/problems/validation');
    await expectProblem(await fetch(`${api.base}/v1/documents?limit=1000`), 400, '/problems/validation');
  });

  it('finds ingested text without diacritics, with snippets and highlights', async () => {
    await api.index();
    const res = await fetch(`${api.base}/v1/search?q=${encodeURIComponent('muc luong toi thieu')}`);
    const body = SearchResponse.parse(await res.json());
    expect(body.hits![0]?.documentNumber).toBe('38/2022/NĐ-CP');
    const hit = body.hits![0]!;
    expect(hit.highlights.map(([a, b]) => hit.snippet.slice(a, b).toLowerCase())).toEqual(expect.arrayContaining(['mức', 'lương', 'tối', 'thiểu']));
  });

  it('answers with the article and clause that say it, cited', async () => {
    const res = await fetch(`${api.base}/v1/search?q=${encodeURIComponent('muc luong toi thieu gio')}&scope=units&limit=5`);
    const body = SearchResponse.parse(await res.json());
    const hit = body.hits!.find((h) => h.eId?.startsWith('art_3'));
    expect(hit).toMatchObject({ documentNumber: '38/2022/NĐ-CP', articleNum: '3', kind: expect.stringMatching(/article|clause/) });
    expect(hit?.citation).toMatch(/^Điều 3/);
    expect(body.hits!.every((h) => h.kind !== 'document')).toBe(true);
    const in2022 = SearchResponse.parse(await (await fetch(`${api.base}/v1/search?q=${encodeURIComponent('muc luong toi thieu')}&year=2022`)).json());
    expect(in2022.total).toBeGreaterThan(0);
    const in2021 = SearchResponse.parse(await (await fetch(`${api.base}/v1/search?q=${encodeURIComponent('muc luong toi thieu')}&year=2021`)).json());
    expect(in2021.hits!.filter((h) => h.documentId === '38-2022-ND-CP')).toEqual([]);
  });

  it('answers 400, never 500, to empty, huge or syntax-breaking queries', async () => {
    await expectProblem(
      await fetch(`${api.base}/v1/search?q=luong&limit=20&cursor=${Buffer.from(JSON.stringify({ o: 9990 })).toString('base64url')}`),
      400,
      '/problems/validation',
    );
    for (const q of ['', ' ', 'x'.repeat(1001), '"', '()', '*', '\\']) {
      const res = await fetch(`${api.base}/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(400);
    }
    const ok = await fetch(`${api.base}/v1/search?q=${encodeURIComponent('"lương (tối) thiểu*')}`);
    expect(ok.status).toBe(200);
  });
});
