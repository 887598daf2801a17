/**
 * Issue 18: one validity on every answer, over HTTP on the local runtime with the whole development corpus
 * (test/fixtures/corpus): the search filter for units, the consolidated text (JSON, text, HTML) of a document with
 * repealed units and of one that has ended, the timeline, amendments known from a VBHN whose text is missing, the
 * validity of a VBHN, asRecordedAt refused where it cannot be honoured, and status events dated by law.
 */
import { ingestDocument } from '../../domain/services/ingest';
import { Problem } from '../../schemas/common';
import { ConsolidatedResponse, DiffResponse, StatusResponse, TimelineResponse } from '../../schemas/status';
import { SearchResponse } from '../../schemas/search';
import { CORPUS_FILES, corpusFile } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';

let api: Awaited<ReturnType<typeof startLocalApi>>;
const get = async (path: string) => {
  const res = await fetch(`${api.base}${path}`);
  return { res, body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
};

beforeAll(async () => {
  api = await startLocalApi();
  for (const f of CORPUS_FILES) await ingestDocument(api.embedded.ports, { fileName: f, bytes: corpusFile(f) });
  await api.index();
}, 180_000);
afterAll(() => api.close());

describe('search (bullet 1)', () => {
  it('leaves a repealed article out of "in force on D" from its repeal, and keeps it before', async () => {
    // Luật 58/2014/QH13 Điều 104 (hồ sơ hưởng chế độ tai nạn lao động), repealed by 84/2015/QH13 Điều 92 khoản 2
    // from 2016-07-01: the article and its clauses.
    const hits = async (at: string) =>
      SearchResponse.parse((await get(`/v1/search?q=${encodeURIComponent('"hồ sơ hưởng chế độ tai nạn lao động"')}&scope=units&inForceAt=${at}&limit=50`)).body)
        .hits?.filter((h) => h.documentId === '58-2014-QH13' && h.eId?.startsWith('art_104'))
        .map((h) => h.eId);
    expect(await hits('2016-06-30')).toContain('art_104');
    expect(await hits('2016-07-01')).toEqual([]);
    expect(await hits('2015-06-30')).toEqual([]);
  });
});

describe('consolidated text (bullet 2)', () => {
  it('shows the units 84/2015/QH13 repealed in 58/2014/QH13 as repealed, in the VBHN manner, not as live text', async () => {
    const c = ConsolidatedResponse.parse((await get('/v1/documents/58-2014-QH13/consolidated?at=2021-06-01')).body);
    expect(c.validity).toMatchObject({ status: 'partially_expired', inForce: true });
    const find = (eId: string) => {
      type U = (typeof c.units)[number];
      const walk = (us: U[]): U | null => {
        for (const u of us) {
          if (u.eId === eId) return u;
          const inner = walk(u.children);
          if (inner) return inner;
        }
        return null;
      };
      return walk(c.units);
    };
    for (const eId of ['art_104', 'art_105', 'art_106', 'art_107', 'art_116', 'art_117']) {
      const u = find(eId);
      expect({ eId, text: u?.text, status: u?.validity?.status, since: u?.validity?.since }).toEqual({
        eId,
        text: '(được bãi bỏ)',
        status: 'expired',
        since: '2016-07-01',
      });
      expect(u?.validity?.note).toMatch(/^Điều 1\d\d được bãi bỏ theo quy định tại khoản 2 Điều 92 của .*84\/2015\/QH13, kể từ ngày 01 tháng 7 năm 2016$/);
      expect(u?.validity?.lastText?.length).toBeGreaterThan(50);
    }
    // The section of chapter III, as a whole, with the articles in it.
    const sec = c.units.find((u) => u.eId === 'chp_III')?.children.find((u) => u.eId === 'chp_III__sec_3');
    expect(sec?.validity?.note).toMatch(/^Mục 3 Chương III được bãi bỏ/);
    expect(sec?.children).toEqual([]);
    // Before the repeal, the same articles are live text.
    const before = ConsolidatedResponse.parse((await get('/v1/documents/58-2014-QH13/consolidated?at=2016-06-30')).body);
    expect(JSON.stringify(before.units)).not.toContain('"status":"expired"');

    const text = (await get('/v1/documents/58-2014-QH13/consolidated?at=2021-06-01&format=text')).body as string;
    expect(text).toMatch(/^Điều 104\. \(được bãi bỏ\)\n\(Điều 104 được bãi bỏ theo quy định tại khoản 2 Điều 92/m);
    const html = (await get('/v1/documents/58-2014-QH13/consolidated?at=2021-06-01&format=html')).body as string;
    expect(html).toMatch(/<section id="art_104" class="article expired">/);
  });

  it('answers for a repealed document with its last text and says why and since when, in JSON, text and HTML', async () => {
    const c = ConsolidatedResponse.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/consolidated?at=2024-07-01')).body);
    expect(c.validity).toMatchObject({ status: 'expired', inForce: false, since: '2024-06-05' });
    expect(c.validity.reasons[0]).toMatchObject({ code: 'announced_expired', number: '169/QĐ-BLĐTBXH', date: '2024-06-05' });
    expect(c.units.length).toBeGreaterThan(0);
    const text = (await get('/v1/documents/09-2022-TT-BLDTBXH/consolidated?at=2024-07-01&format=text')).body as string;
    expect(text.split('\n')[0]).toMatch(/^HẾT HIỆU LỰC TOÀN BỘ từ ngày 2024-06-05: .*169\/QĐ-BLĐTBXH/);
    const html = (await get('/v1/documents/09-2022-TT-BLDTBXH/consolidated?at=2024-07-01&format=html')).body as string;
    expect(html).toMatch(/<aside class="validity" role="status"><p><b>HẾT HIỆU LỰC TOÀN BỘ từ ngày 2024-06-05/);
    // The day before, in force: nothing said above the text.
    const before = (await get('/v1/documents/09-2022-TT-BLDTBXH/consolidated?at=2024-06-04&format=text')).body as string;
    expect(before.split('\n')[0]).toMatch(/^Chương I/);
  });

  it('gives the diff between two dates with the validity at both, a repealed unit showing as changed', async () => {
    const d = DiffResponse.parse((await get('/v1/documents/58-2014-QH13/diff?from=2016-06-30&to=2016-07-01')).body);
    expect(d.validity.from.status).toBe('in_force');
    expect(d.validity.to.status).toBe('partially_expired');
    expect(d.changes.map((x) => x.eId)).toEqual(expect.arrayContaining(['art_104', 'art_116', 'chp_III__sec_3']));
  });
});

describe('timeline (bullet 3)', () => {
  it('lists every date the text or the validity of 58/2014/QH13 changed, and by what', async () => {
    const t = TimelineResponse.parse((await get('/v1/documents/58-2014-QH13/timeline')).body);
    const on = (d: string) => t.dates.find((x) => x.date === d);
    expect(t.dates.map((d) => d.date)).toEqual(expect.arrayContaining(['2016-01-01', '2016-07-01', '2021-01-01', '2025-07-01']));
    expect(on('2016-01-01')?.status?.status).toBe('in_force');
    expect(on('2016-07-01')?.status?.status).toBe('partially_expired');
    expect(on('2016-07-01')?.units.map((u) => u.eId)).toEqual(expect.arrayContaining(['art_104', 'chp_III__sec_3']));
    expect(on('2016-07-01')?.units[0]?.reason.number).toBe('84/2015/QH13');
    expect(on('2021-01-01')?.effects.length).toBeGreaterThan(0);
    expect(on('2025-07-01')?.status).toMatchObject({ status: 'expired', reasons: [expect.objectContaining({ code: 'replaced', number: '41/2024/QH15' })] });
  });

  it('has the day 09/2022/TT-BLĐTBXH was announced expired', async () => {
    const t = TimelineResponse.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/timeline')).body);
    expect(t.dates.find((d) => d.date === '2024-06-05')?.status).toMatchObject({ status: 'expired' });
  });
});

describe('amendments known but absent (bullet 4)', () => {
  it.each([
    ['41-2024-QH15', '2026-08-01', ['73/2025/QH15', '84/2025/QH15', '113/2025/QH15', '142/2025/QH15'], '19/VBHN-VPQH'],
    ['45-2019-QH14', '2026-02-01', ['71/2025/QH15'], '125/VBHN-VPQH'],
    ['21-2021-TT-BLDTBXH', '2024-01-01', ['08/2023/TT-BLĐTBXH'], '2007/VBHN-BLĐTBXH'],
  ])('%s: status, consolidated text (every format) and timeline say it is amended by what the VBHN lists', async (id, at, numbers, via) => {
    const s = StatusResponse.parse((await get(`/v1/documents/${id}/status?at=${at}`)).body);
    expect(s.status).toBe('partially_expired');
    expect(s.pending.map((p) => p.number).sort()).toEqual([...numbers].sort());
    for (const n of numbers) expect(s.reasons.find((r) => r.number === n)).toMatchObject({ code: 'amended', pending: { via } });
    const c = ConsolidatedResponse.parse((await get(`/v1/documents/${id}/consolidated?at=${at}`)).body);
    expect(
      c.pending
        .filter((p) => p.inEffect)
        .map((p) => p.number)
        .sort(),
    ).toEqual([...numbers].sort());
    const text = (await get(`/v1/documents/${id}/consolidated?at=${at}&format=text`)).body as string;
    for (const n of numbers) expect(text).toContain(`CHƯA HỢP NHẤT: Được sửa đổi, bổ sung bởi ${n}`);
    const html = (await get(`/v1/documents/${id}/consolidated?at=${at}&format=html`)).body as string;
    expect(html).toContain(`CHƯA HỢP NHẤT: Được sửa đổi, bổ sung bởi ${numbers[0]}`);
    const t = TimelineResponse.parse((await get(`/v1/documents/${id}/timeline`)).body);
    expect(t.dates.flatMap((d) => d.pending.map((p) => p.number)).sort()).toEqual([...numbers].sort());
  });

  it('41/2024/QH15 before its amendments take effect: none is said to act yet', async () => {
    const c = ConsolidatedResponse.parse((await get('/v1/documents/41-2024-QH15/consolidated?at=2025-06-30')).body);
    expect(c.pending.every((p) => !p.inEffect)).toBe(true);
  });
});

describe('VBHN (bullet 5)', () => {
  it('1676/VBHN-BLĐTBXH takes its validity from 09/2022/TT-BLĐTBXH and says which version it is', async () => {
    const after = StatusResponse.parse((await get('/v1/documents/1676-VBHN-BLDTBXH/status?at=2024-07-01')).body);
    expect(after.status).toBe('expired');
    expect(after.reasons[0]).toMatchObject({ number: '169/QĐ-BLĐTBXH', date: '2024-06-05' });
    expect(after.reasons.at(-1)).toMatchObject({ code: 'consolidated_text', workId: '09-2022-TT-BLDTBXH' });
    expect(after.consolidates).toEqual({ workId: '09-2022-TT-BLDTBXH', number: '09/2022/TT-BLĐTBXH', at: '2023-06-01' });
    expect(StatusResponse.parse((await get('/v1/documents/1676-VBHN-BLDTBXH/status?at=2024-01-01')).body).status).toBe('partially_expired');
  });
});

describe('asRecordedAt (bullet 6)', () => {
  it.each([
    '/v1/documents/58-2014-QH13/consolidated?at=2021-06-01',
    '/v1/documents/58-2014-QH13/diff?from=2016-06-30&to=2016-07-01',
    '/v1/documents/58-2014-QH13/timeline?x=1',
    '/v1/documents/58-2014-QH13/units/art_104?at=2021-06-01',
    '/v1/search?q=bao%20hiem&inForceAt=2021-06-01',
    '/v1/answer?q=bao%20hiem&at=2021-06-01',
    '/v1/systematization?issuer=Qu%E1%BB%91c%20h%E1%BB%99i&at=2021-06-01',
  ])('%s&asRecordedAt=… is refused with 400, never ignored', async (path) => {
    const r = await get(`${path}&asRecordedAt=2026-01-01`);
    expect(r.res.status).toBe(400);
    const p = Problem.parse(r.body);
    if (!p.errors?.some((e) => e.path.includes('asRecordedAt'))) console.log(JSON.stringify(p));
    expect(p.errors?.some((e) => e.path.includes('asRecordedAt') && /not supported/.test(e.message))).toBe(true);
  });

  it('is honoured by status', async () => {
    const r = await get(`/v1/documents/58-2014-QH13/status?at=2021-06-01&asRecordedAt=${new Date().toISOString()}`);
    expect(r.res.status).toBe(200);
  });
});

describe('events (bullet 7)', () => {
  it('dates a status change by law, not by the day it was noticed', async () => {
    const statusEvents = async (id: string) => (await api.embedded.ports.history.forWork(id)).filter((e) => e.kind === 'status.changed');
    const ended = (await statusEvents('58-2014-QH13')).pop();
    expect(ended?.status).toMatchObject({ to: 'expired', on: '2025-07-01' });
    expect(ended?.summary).toBe('Tình trạng hiệu lực: Hết hiệu lực toàn bộ (từ ngày 2025-07-01)');
    const local = (await statusEvents('51-2025-NQ-HDND-HaNoi')).pop();
    expect(local?.status).toMatchObject({ to: 'in_force', on: '2026-01-01' });
  });
});

describe('provisions with their own date of effect (commencement)', () => {
  // Luật 58/2014/QH13 Điều 124 khoản 1: in force from 2016-01-01, "trừ quy định tại điểm b khoản 1 và khoản 2 Điều 2
  // của Luật này thì có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2018".
  it('58/2014/QH13 Điều 2 khoản 1 điểm b: not yet in force in 2017 in status, search, consolidated text and timeline', async () => {
    const unit = async (at: string) => StatusResponse.parse((await get(`/v1/documents/58-2014-QH13/status?at=${at}&eId=art_2__para_1__point_b`)).body);
    expect(await unit('2017-06-01')).toMatchObject({
      status: 'not_yet_in_force',
      reasons: [expect.objectContaining({ code: 'effective_from', date: '2018-01-01', sourceEId: 'art_124__para_1' })],
    });
    expect((await unit('2018-01-01')).status).toBe('in_force');
    // The law itself is in force then (partly expired by 84/2015/QH13 since 2016-07-01).
    expect(StatusResponse.parse((await get('/v1/documents/58-2014-QH13/status?at=2017-06-01')).body).status).toBe('partially_expired');
    const hits = async (at: string) =>
      (
        SearchResponse.parse((await get(`/v1/search?q=${encodeURIComponent('"từ đủ 01 tháng đến dưới 03 tháng"')}&scope=units&inForceAt=${at}&limit=50`)).body)
          .hits ?? []
      )
        .filter((h) => h.documentId === '58-2014-QH13')
        .map((h) => h.eId);
    expect(await hits('2017-06-01')).not.toContain('art_2__para_1__point_b');
    expect(await hits('2018-06-01')).toContain('art_2__para_1__point_b');
    const c = ConsolidatedResponse.parse((await get('/v1/documents/58-2014-QH13/consolidated?at=2017-06-01')).body);
    const art2 = c.units.flatMap((u) => u.children).find((u) => u.eId === 'art_2');
    const b = art2?.children.find((u) => u.eId === 'art_2__para_1')?.children.find((u) => u.eId === 'art_2__para_1__point_b');
    expect(b?.validity).toMatchObject({
      status: 'not_yet_in_force',
      note: 'điểm b khoản 1 Điều 2 có hiệu lực kể từ ngày 01 tháng 01 năm 2018 theo quy định tại khoản 1 Điều 124',
    });
    expect(b?.text).toMatch(/từ đủ 01 tháng đến dưới 03 tháng/);
    const t = TimelineResponse.parse((await get('/v1/documents/58-2014-QH13/timeline')).body);
    expect(t.dates.find((d) => d.date === '2018-01-01')?.units.map((u) => u.eId)).toEqual(expect.arrayContaining(['art_2__para_1__point_b', 'art_2__para_2']));
  });

  it('Nghị quyết 17/2022/UBTVQH15 Điều 1 khoản 1 takes effect before the resolution (2022-01-01, the rest 2022-04-01)', async () => {
    const unit = StatusResponse.parse((await get('/v1/documents/17-2022-UBTVQH15/status?at=2022-02-01&eId=art_1__para_1')).body);
    expect(unit).toMatchObject({ status: 'in_force', reasons: [expect.objectContaining({ code: 'effective_from', date: '2022-01-01' })] });
    expect(StatusResponse.parse((await get('/v1/documents/17-2022-UBTVQH15/status?at=2022-02-01')).body).status).toBe('not_yet_in_force');
    const c = ConsolidatedResponse.parse((await get('/v1/documents/17-2022-UBTVQH15/consolidated?at=2022-02-01')).body);
    expect(c.validity.status).toBe('not_yet_in_force');
    const para1 = c.units.find((u) => u.eId === 'art_1')?.children.find((u) => u.eId === 'art_1__para_1');
    expect(para1?.validity).toMatchObject({ status: 'in_force' });
  });
});

describe('amendments known from a relation whose source is absent (bullet 4)', () => {
  it('a reviewer says 59/2020/QH14 Điều 4 was amended by a law not in the database: status, text and timeline say its text is missing', async () => {
    const reviewer = await api.token(['reviewer']);
    const res = await fetch(`${api.base}/v1/documents/59-2020-QH14/relations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reviewer}` },
      body: JSON.stringify({
        relation: { type: 'amends', direction: 'incoming', other: '76/2025/QH15', eId: 'art_4', effectiveFrom: '2025-07-01' },
        reason: 'Luật sửa đổi, bổ sung một số điều của Luật Doanh nghiệp',
      }),
    });
    expect(res.status).toBe(201);
    await api.index();
    const s = StatusResponse.parse((await get('/v1/documents/59-2020-QH14/status?at=2025-08-01')).body);
    expect(s.status).toBe('partially_expired');
    // One reason (the relation's), and the amendment listed as pending.
    expect(s.reasons.filter((r) => r.number === '76/2025/QH15')).toHaveLength(1);
    expect(s.pending).toEqual([expect.objectContaining({ number: '76/2025/QH15', relation: true, eId: 'art_4', effective: '2025-07-01' })]);
    const text = (await get('/v1/documents/59-2020-QH14/consolidated?at=2025-08-01&format=text')).body as string;
    expect(text.split('\n')[0]).toBe(
      'CHƯA HỢP NHẤT: Điều 4: Được sửa đổi, bổ sung bởi 76/2025/QH15 từ ngày 2025-07-01; văn bản này chưa có trong Cơ sở dữ liệu nên nội dung sửa đổi chưa được hợp nhất (theo quan hệ do người rà soát nhập)',
    );
    const t = TimelineResponse.parse((await get('/v1/documents/59-2020-QH14/timeline')).body);
    expect(t.dates.find((d) => d.date === '2025-07-01')?.pending.map((p) => p.number)).toEqual(['76/2025/QH15']);
  });
});
