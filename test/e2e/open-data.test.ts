/**
 * Open data over HTTP on the local runtime (issue #20): every original file as received (GET
 * /v1/documents/{id}/sources/{n}: the same bytes, its media type, file name and sha256, never rendered on this
 * origin) and ELI-style names (`/eli/vn/{type}/{year}/{id}[/{date}]`) in every document's JSON, resolved by 303 to
 * the document, its text at a date, or its page for a browser.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Paragraph, Packer, TextRun } from 'docx';
import mammoth from 'mammoth';
import { DocumentWithUnits, Problem } from '../../schemas/common';
import { CORPUS_DIR } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';

type Api = Awaited<ReturnType<typeof startLocalApi>>;
let api: Api;
const AMENDED = '09-2022-TT-BLDTBXH';
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const get = (path: string, init: RequestInit = {}) => fetch(`${api.base}${path}`, { redirect: 'manual', ...init });

beforeAll(async () => {
  api = await startLocalApi();
  await api.ingest(`${AMENDED}.txt`, readFileSync(join(CORPUS_DIR, `${AMENDED}.txt`)));
}, 60_000);
afterAll(() => api.close());

describe('the original files', () => {
  it('serves the n-th original byte for byte, as an attachment with its name and sha256, never rendered here', async () => {
    const doc = DocumentWithUnits.parse(await (await get(`/v1/documents/${AMENDED}`)).json());
    const [source] = doc.sources;
    expect(source?.url).toBe(`/v1/documents/${AMENDED}/sources/1`);
    const res = await get(source?.url as string);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes).toEqual(new Uint8Array(readFileSync(join(CORPUS_DIR, `${AMENDED}.txt`))));
    expect(sha256(bytes)).toBe(source?.sha256);
    expect(res.headers.get('x-content-sha256')).toBe(source?.sha256);
    expect(res.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(source?.sha256 as string, 'hex').toString('base64')}:`);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${AMENDED}.txt"; filename*=UTF-8''${AMENDED}.txt`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(res.headers.get('etag')).toBeTruthy();
  });

  it('serves a DOCX original as the same bytes, with the Word media type and a Vietnamese file name', async () => {
    const text = readFileSync(join(CORPUS_DIR, '02-2023-TT-BLDTBXH.txt'), 'utf8');
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: text.split('\n').map((l) => new Paragraph({ children: [new TextRun(l)] })) }] }));
    const work = (await api.ingest('Thông tư 02-2023 sửa đổi.docx', docx)).document;
    const res = await get(`/v1/documents/${work.id}/sources/1`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(docx)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Thong tu 02-2023 sua doi.docx"; filename*=UTF-8''Th%C3%B4ng%20t%C6%B0%2002-2023%20s%E1%BB%ADa%20%C4%91%E1%BB%95i.docx`,
    );
  });

  it('answers 404 past the last original, 400 for a position that is not one, 404 for an unknown document', async () => {
    const past = await get(`/v1/documents/${AMENDED}/sources/2`);
    expect(past.status).toBe(404);
    expect(Problem.parse(await past.json()).detail).toMatch(/Original 2 of 09\/2022\/TT-BLĐTBXH \(it has 1\)/);
    for (const n of ['0', 'x', '1.5', '-1']) {
      const bad = await get(`/v1/documents/${AMENDED}/sources/${n}`);
      expect([n, bad.status, bad.headers.get('content-type')]).toEqual([n, 400, expect.stringContaining('application/problem+json')]);
    }
    expect((await get('/v1/documents/99-2099-TT-XYZ/sources/1')).status).toBe(404);
  });
});

describe('Akoma Ntoso', () => {
  it('answers format=akn with the XML of the text as promulgated, and with at= of the text then', async () => {
    const res = await get(`/v1/documents/${AMENDED}?format=akn`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/akn+xml; charset=utf-8');
    const xml = await res.text();
    expect(xml).toContain('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"');
    expect(xml).toMatch(/<FRBRthis value="\/akn\/vn\/act\/2022-[0-9-]+\/09-2022-tt-bldtbxh\/!main"/);
    expect(xml).toContain('eId="art_5__para_1"');
    const then = await (await get(`/v1/documents/${AMENDED}?format=akn&at=2023-06-01`)).text();
    expect(then).toMatch(/<FRBRthis value="\/akn\/vn\/act\/2022-[0-9-]+\/09-2022-tt-bldtbxh\/vie@2023-06-01\/!main"/);
  });

  it('refuses an unknown format (400, naming the allowed), a date before the document (404), a date without format=akn (400)', async () => {
    const docx = await get(`/v1/documents/${AMENDED}?format=docx`);
    expect(docx.status).toBe(400);
    expect(((await docx.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([
      { path: 'query.format', message: 'must be one of json, akn' },
    ]);
    const before = await get(`/v1/documents/${AMENDED}?format=akn&at=2000-01-01`);
    expect(before.status).toBe(404);
    expect(Problem.parse(await before.json()).detail).toMatch(/has no version on 2000-01-01/);
    expect((await get(`/v1/documents/${AMENDED}?at=2023-06-01`)).status).toBe(400);
  });
});

describe('Word and PDF of the text in force', () => {
  it('answers format=docx with a Word file that reads back with every article, and format=pdf with a PDF, as attachments', async () => {
    const json = (await (await get(`/v1/documents/${AMENDED}/consolidated?at=2023-06-01`)).json()) as {
      units: { kind: string; children: { kind: string }[] }[];
    };
    const articles = json.units.flatMap((u) => (u.kind === 'article' ? [u] : u.children.filter((c) => c.kind === 'article'))).length;
    const docx = await get(`/v1/documents/${AMENDED}/consolidated?at=2023-06-01&format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toContain(`filename="${AMENDED}-2023-06-01.docx"`);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) })).value;
    expect(text.match(/^Điều \d+[a-zđ]*\./gmu)?.length).toBe(articles);
    const pdf = await get(`/v1/documents/${AMENDED}/consolidated?at=2023-06-01&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The same request gives the same bytes (the date of the text, not of the request, is in the file): a stable ETag.
    const again = Buffer.from(await (await get(`/v1/documents/${AMENDED}/consolidated?at=2023-06-01&format=pdf`)).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
  }, 60_000);
});

describe('ELI-style names', () => {
  const ELI = `/eli/vn/thong_tu/2022/${AMENDED}`;

  it('every document carries its ELI; the ELI resolves (303) to it, and with a date to its text then', async () => {
    const doc = DocumentWithUnits.parse(await (await get(`/v1/documents/${AMENDED}`)).json());
    expect(doc.eli).toBe(ELI);
    const list = (await (await get('/v1/documents?limit=5')).json()) as { items: { eli: string | null }[] };
    expect(list.items.every((d) => typeof d.eli === 'string' && d.eli.startsWith('/eli/vn/'))).toBe(true);

    const work = await get(ELI);
    expect(work.status).toBe(303);
    expect(work.headers.get('location')).toBe(`/v1/documents/${AMENDED}`);
    expect((await fetch(`${api.base}${ELI}`)).url).toBe(`${api.base}/v1/documents/${AMENDED}`);

    const version = await get(`${ELI}/2023-06-01`);
    expect(version.status).toBe(303);
    expect(version.headers.get('location')).toBe(`/v1/documents/${AMENDED}/consolidated?at=2023-06-01`);
    expect(await version.json()).toMatchObject({ eli: `${ELI}/2023-06-01` });
    const followed = await fetch(`${api.base}${ELI}/2023-06-01`);
    expect(followed.status).toBe(200);
    expect(await followed.json()).toMatchObject({ documentId: AMENDED, at: '2023-06-01' });
  });

  it('sends a browser to the document page', async () => {
    const res = await get(`${ELI}/2023-06-01`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/document.html?id=${AMENDED}&at=2023-06-01`);
    expect(res.headers.get('vary')).toBe('accept');
  });

  it('names nothing with the wrong type or year, before the document was issued, or with an impossible date', async () => {
    const wrongType = await get(`/eli/vn/luat/2022/${AMENDED}`);
    expect(wrongType.status).toBe(404);
    expect(Problem.parse(await wrongType.json()).detail).toContain(`the ELI of 09/2022/TT-BLĐTBXH is ${ELI}`);
    expect((await get(`/eli/vn/thong_tu/2021/${AMENDED}`)).status).toBe(404);
    const before = await get(`${ELI}/2020-01-01`);
    expect(before.status).toBe(404);
    expect(Problem.parse(await before.json()).detail).toMatch(/it was issued on 2022-/);
    expect((await get(`${ELI}/2023-02-30`)).status).toBe(400);
    expect((await get('/eli/vn/thong_tu/2022/99-2099-TT-XYZ')).status).toBe(404);
  });

  it('the OpenAPI document lists both ELI routes, each with its own parameters', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is read loosely; the assertions check it.
    const doc = (await (await get('/openapi.json')).json()) as any;
    const plain = doc.paths['/eli/vn/{type}/{year}/{id}'].get;
    const dated = doc.paths['/eli/vn/{type}/{year}/{id}/{date}'].get;
    expect([plain.operationId, dated.operationId]).toEqual(['eli', 'eliAt']);
    expect(plain.parameters.map((p: { name: string }) => p.name)).toEqual(['type', 'year', 'id']);
    expect(dated.parameters.map((p: { name: string }) => p.name)).toEqual(['type', 'year', 'id', 'date']);
    expect(Object.keys(doc.paths['/v1/documents/{id}/sources/{n}'].get.responses)).toEqual(expect.arrayContaining(['200', '303', '404', '410']));
  });
});
