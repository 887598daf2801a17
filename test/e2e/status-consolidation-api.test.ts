/**
 * Status, relations, point-in-time text, timeline, diff, status check and the Bộ pháp điển over HTTP on the local
 * runtime, with real documents (F1: 09/2022/TT-BLĐTBXH amended by 02/2023/TT-BLĐTBXH from 2023-06-01) and real
 * đề mục files. Every JSON answer is checked against the schema the OpenAPI document publishes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { importHeading } from '../../domain/services/codification';
import { Problem } from '../../schemas/common';
import { ArticleResponse, HeadingResponse, StaleResponse, TopicsResponse } from '../../schemas/codification';
import { ConsolidatedResponse, DiffResponse, RelationsResponse, StatusCheckResponse, StatusResponse, TimelineResponse } from '../../schemas/status';
import { UnitResponse } from '../../schemas/documents';
import { SearchResponse } from '../../schemas/search';
import { sampleFile } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';

let api: Awaited<ReturnType<typeof startLocalApi>>;
const get = async (path: string) => {
  const res = await fetch(`${api.base}${path}`);
  return { res, body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
};

beforeAll(async () => {
  api = await startLocalApi();
  const editor = await api.token(['editor']);
  for (const name of ['09-2022-TT-BLDTBXH.txt', '02-2023-TT-BLDTBXH.txt']) {
    const res = await fetch(`${api.base}/v1/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
      body: JSON.stringify({ fileName: name, content: sampleFile(name).toString('utf8') }),
    });
    expect(res.status).toBe(201);
  }
  await api.index();
  const dir = join(__dirname, '..', 'fixtures', 'phapdien');
  for (const f of readdirSync(dir))
    await importHeading(api.embedded.ports, gunzipSync(readFileSync(join(dir, f))).toString('utf8'), f.replace(/\.html\.gz$/, ''));
});
afterAll(() => api.close());

describe('status', () => {
  it('answers the status of a document at a date with its reasons, by id or number', async () => {
    const before = await get('/v1/documents/09-2022-TT-BLDTBXH/status?at=2023-05-31');
    expect(before.res.status).toBe(200);
    expect(StatusResponse.parse(before.body)).toMatchObject({ status: 'in_force', label: 'Còn hiệu lực' });
    const after = StatusResponse.parse((await get(`/v1/documents/${encodeURIComponent('09/2022/TT-BLĐTBXH')}/status?at=2023-06-01`)).body);
    expect(after.status).toBe('partially_expired');
    expect(after.reasons[0]).toMatchObject({ code: 'amended', workId: '02-2023-TT-BLDTBXH', eId: 'art_1', date: '2023-06-01' });
    expect(after.changes).toEqual(expect.arrayContaining(['2022-07-11', '2023-06-01']));
    const unit = StatusResponse.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/status?at=2023-06-01&eId=art_2')).body);
    expect(unit).toMatchObject({ eId: 'art_2', citation: 'Điều 2', status: 'in_force' });
  });

  it('rejects an impossible date and an unknown document with problem+json', async () => {
    const bad = await get('/v1/documents/09-2022-TT-BLDTBXH/status?at=2023-02-30');
    expect(bad.res.status).toBe(400);
    expect(Problem.parse(bad.body).type).toMatch(/validation/);
    expect((await get('/v1/documents/99-2099-TT-XYZ/status')).res.status).toBe(404);
  });

  it('search takes its dates by the same calendar-date rule as status (issue 22): 400 problem+json, 200 on a real date', async () => {
    for (const param of ['inForceAt', 'issuedFrom', 'issuedTo'])
      for (const date of ['9999-99-99', '2024-02-30', '2023-02-29', '2024-13-01']) {
        const bad = await get(`/v1/search?q=lao%20%C4%91%E1%BB%99ng&${param}=${date}`);
        expect([param, date, bad.res.status]).toEqual([param, date, 400]);
        expect(bad.res.headers.get('content-type')).toContain('application/problem+json');
        expect(Problem.parse(bad.body).type).toMatch(/validation/);
      }
    const ok = await get('/v1/search?q=lao%20%C4%91%E1%BB%99ng&inForceAt=2024-02-29&issuedFrom=2020-01-01&issuedTo=2024-12-31');
    expect(ok.res.status).toBe(200);
    expect(SearchResponse.parse(ok.body).total).toBeGreaterThan(0);
  });

  it('draws the relations of both documents, both directions', async () => {
    const amending = RelationsResponse.parse((await get('/v1/documents/02-2023-TT-BLDTBXH/relations')).body);
    const amends = amending.groups.find((g) => g.type === 'amends' && g.direction === 'outgoing');
    expect(amends?.relations[0]?.other).toMatchObject({ workId: '09-2022-TT-BLDTBXH', inDatabase: true });
    const amended = RelationsResponse.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/relations')).body);
    expect(amended.groups.find((g) => g.type === 'amends' && g.direction === 'incoming')?.label).toBe('Được sửa đổi, bổ sung bởi');
  });

  it('checks a căn cứ block: documents held get their status, others say they are not in the database', async () => {
    const res = await fetch(`${api.base}/v1/status/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        at: '2023-07-01',
        text: 'Căn cứ Thông tư số 09/2022/TT-BLĐTBXH ngày 25 tháng 5 năm 2022 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội;\nCăn cứ Nghị định số 15/2020/NĐ-CP;\n02/2023/TT-BLĐTBXH',
      }),
    });
    expect(res.status).toBe(200);
    const body = StatusCheckResponse.parse(await res.json());
    expect(body.items.map((i) => [i.documentNumber, i.inDatabase, i.status])).toEqual([
      ['09/2022/TT-BLĐTBXH', true, 'partially_expired'],
      ['15/2020/NĐ-CP', false, 'unknown'],
      ['02/2023/TT-BLĐTBXH', true, 'in_force'],
    ]);
  });
});

describe('point in time', () => {
  const article1 = (units: ReturnType<typeof ConsolidatedResponse.parse>['units']) => {
    const flat = (us: typeof units): typeof units => us.flatMap((u) => [u, ...flat(u.children)]);
    return flat(units).find((u) => u.eId === 'art_1');
  };

  it('answers the text in force at a date, with the VBHN-style note on the amended article', async () => {
    const before = ConsolidatedResponse.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/consolidated?at=2023-05-31')).body);
    expect(article1(before.units)?.heading).toBe('Phạm vi điều chỉnh');
    const after = ConsolidatedResponse.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/consolidated?at=2023-06-01')).body);
    expect(after.applied).toHaveLength(1);
    expect(after.unapplied).toEqual([]);
    expect(article1(after.units)?.heading).toBe('Phạm vi áp dụng');
    expect(article1(after.units)?.sources?.[0]?.note).toContain('theo quy định tại Điều 1 Thông tư số 02/2023/TT-BLĐTBXH');
  });

  it('serves the same text as plain text and as HTML', async () => {
    const text = await get('/v1/documents/09-2022-TT-BLDTBXH/consolidated?at=2023-06-01&format=text');
    expect(text.res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text.body).toContain('Điều 1. Phạm vi áp dụng');
    expect(text.body).toContain('(Điều này được sửa đổi, bổ sung theo quy định tại Điều 1 Thông tư số 02/2023/TT-BLĐTBXH');
    const html = await get('/v1/documents/09-2022-TT-BLDTBXH/consolidated?at=2023-06-01&format=html');
    expect(html.res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.body).toContain('<section id="art_1"');
  });

  it('answers one unit as in force at a date, with its note', async () => {
    const before = UnitResponse.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/units/art_1?at=2023-05-31')).body);
    expect(before.consolidated?.heading).toBe('Phạm vi điều chỉnh');
    const after = UnitResponse.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/units/art_1?at=2023-06-01')).body);
    expect(after.unit.heading).toBe('Phạm vi điều chỉnh');
    expect(after.consolidated?.heading).toBe('Phạm vi áp dụng');
    expect(after.consolidated?.sources?.[0]?.sourceWorkId).toBe('02-2023-TT-BLDTBXH');
    expect((await get('/v1/documents/09-2022-TT-BLDTBXH/units/art_1?at=2023-13-01')).res.status).toBe(400);
  });

  it('lists the dates the text changes and the word diff between two dates', async () => {
    const t = TimelineResponse.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/timeline')).body);
    // Every date the text or the validity changes: the commencement, then the amendment (text and status).
    expect(t.dates.map((d) => d.date)).toEqual(['2022-07-11', '2023-06-01']);
    expect(t.dates[0]).toMatchObject({ effects: [], status: { status: 'in_force' } });
    expect(t.dates[1]?.effects[0]).toMatchObject({ operation: 'replace_unit', target: 'art_1', sourceWorkId: '02-2023-TT-BLDTBXH' });
    expect(t.dates[1]?.status).toMatchObject({ status: 'partially_expired' });
    expect(t.dates[1]?.units[0]).toMatchObject({ eId: 'art_1', reason: { code: 'amended', number: '02/2023/TT-BLĐTBXH' } });
    const d = DiffResponse.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/diff?from=2023-05-31&to=2023-06-01')).body);
    const art1 = d.changes.find((c) => c.eId === 'art_1');
    expect(art1?.change).toBe('changed');
    expect(art1?.heading?.some((op) => op.op === 'insert' && op.text.includes('áp dụng'))).toBe(true);
  });
});

describe('codification', () => {
  it('lists topics and headings, serves a heading and an article in any spelling of its code', async () => {
    const topics = TopicsResponse.parse((await get('/v1/codification')).body);
    expect(topics.topics.flatMap((t) => t.headings.map((h) => h.id))).toEqual(expect.arrayContaining(['1.2', '7.7']));
    const heading = HeadingResponse.parse((await get('/v1/codification/headings/1.2')).body);
    expect(heading.articles[0]).toMatchObject({ code: '1.2.LQ.1', source: { documentNumber: '29/2018/QH14' } });
    const article = ArticleResponse.parse((await get(`/v1/codification/articles/${encodeURIComponent('Điều 1.2.lq.1.')}`)).body);
    expect(article.articles[0]).toMatchObject({ code: '1.2.LQ.1', headingId: '1.2' });
    expect((await get('/v1/codification/headings/99.9')).res.status).toBe(404);
    expect((await get('/v1/codification/articles/not-a-code')).res.status).toBe(400);
    expect(StaleResponse.parse((await get('/v1/codification/stale')).body).items).toEqual([]);
  });
});
