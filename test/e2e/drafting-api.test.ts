/**
 * The drafting lifecycle over HTTP on the local runtime (docs/adr/0014), the must-show scenario: a draft built from
 * two real versions (09/2022/TT-BLĐTBXH, then the text after 02/2023/TT-BLĐTBXH with an article inserted and the
 * rest renumbered), a unit diff that follows renumbering, 20 comments carried from version 1 to 2 (and one
 * orphaned), a rejected upload kept with its findings, an appraisal, promotion to a promulgated work, a checking
 * finding on it; and every role rule: 401 without identity, 403 with the wrong role, on each write route.
 */
import { Problem } from '../../schemas/common';
import { DraftDiffResponse, DraftResponse, FindingsResponse, PromoteResponse, SynthesisResponse, VersionResponse } from '../../schemas/drafting';
import { parseCsv } from '../support/csv';
import { draftVersion1, draftVersion2 } from '../support/drafting';
import { startLocalApi } from '../support/local-api';

type Api = Awaited<ReturnType<typeof startLocalApi>>;
let api: Api;
const tokens: Record<string, string> = {};

const day = (offset: number) => new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  api = await startLocalApi();
  for (const r of ['drafter', 'commenter', 'appraiser', 'reviewer', 'editor']) tokens[r] = await api.token([r]);
  tokens.reader = await api.token([]);
  // A drafter who is not on this draft's team.
  tokens.otherDrafter = await api.token(['drafter', 'editor']);
});
afterAll(() => api.close());

const call = async (method: string, path: string, body?: unknown, token?: string, extra: Record<string, string> = {}) => {
  const res = await fetch(`${api.base}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...extra,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here; the schemas check them where it matters.
  return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, text, json: json as Record<string, any> };
};

let draftId = '';
const commentIds: string[] = [];
let orphanId = '';

/** 20 units of version 1 that survive into version 2 (some renumbered, one changed), across articles, clauses, points. */
const COMMENTED = [
  'art_2',
  'art_3',
  'art_4__para_2__point_dd',
  'art_4__para_1',
  'art_4__para_2',
  'art_5',
  'art_5__para_1',
  'art_6__para_1',
  'art_6__para_2__point_a',
  'art_7__para_1',
  'art_8',
  'art_9__para_1',
  'art_10',
  'art_11__para_1',
  'art_12',
  'art_13__para_1',
  'art_14__para_1',
  'art_14__para_2',
  'art_15__para_1',
  'art_15__para_2',
];

describe('the must-show scenario', () => {
  it('a drafter opens a draft with a consultation window around today', async () => {
    const res = await call(
      'POST',
      '/v1/drafts',
      {
        title: 'Dự thảo Thông tư hướng dẫn đa dạng hóa sinh kế, phát triển mô hình giảm nghèo',
        agency: 'Bộ Lao động - Thương binh và Xã hội',
        drafters: ['user-drafter-reviewer'],
        window: { opens: day(-1), closes: day(1) },
      },
      tokens.drafter,
    );
    expect(res.status).toBe(201);
    draftId = res.json.draft.id;
    expect(res.json.draft).toMatchObject({ stage: 'draft', drafters: ['user-drafter', 'user-drafter-reviewer'], createdBy: 'user-drafter', versions: 0 });
  });

  it('version 1 (09/2022/TT-BLĐTBXH as printed) is parsed, linted and accepted', async () => {
    const res = await call(
      'POST',
      `/v1/drafts/${draftId}/versions`,
      { fileName: 'du-thao-v1.txt', content: draftVersion1(), note: 'Bản đầu tiên' },
      tokens.drafter,
    );
    expect(res.status).toBe(201);
    const v = VersionResponse.parse(res.json).version;
    expect(v).toMatchObject({ n: 1, status: 'accepted', strict: true, unitCount: 103 });
    expect(v.findings.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('20 comments on units of version 1 (public commenters, the team), threads, and one on a unit that will disappear', async () => {
    for (const [k, eId] of COMMENTED.entries()) {
      const who = k % 5 === 4 ? tokens.appraiser : tokens.commenter;
      const res = await call('POST', `/v1/drafts/${draftId}/comments`, { version: 1, eId, text: `Góp ý ${k + 1} về ${eId}: đề nghị làm rõ` }, who);
      expect(res.status).toBe(201);
      expect(res.json.comment).toMatchObject({ version: 1, eId, status: 'open', publicConsultation: k % 5 !== 4 });
      commentIds.push(res.json.comment.id);
    }
    const reply = await call('POST', `/v1/drafts/${draftId}/comments`, { parentId: commentIds[0], text: 'Ban soạn thảo sẽ xem xét' }, tokens.drafter);
    expect(reply.status).toBe(201);
    expect(reply.json.comment).toMatchObject({ parentId: commentIds[0], eId: 'art_2', status: null });
    const orphan = await call(
      'POST',
      `/v1/drafts/${draftId}/comments`,
      { version: 1, eId: 'art_1__para_1', text: 'Phạm vi điều chỉnh quá hẹp' },
      tokens.commenter,
    );
    expect(orphan.status).toBe(201);
    orphanId = orphan.json.comment.id;
    // A unit that does not exist in that version: 404, nothing stored.
    expect((await call('POST', `/v1/drafts/${draftId}/comments`, { version: 1, eId: 'art_99', text: 'x' }, tokens.commenter)).status).toBe(404);
  });

  it('a version that fails the format rules in strict mode is stored as rejected with its findings, not dropped', async () => {
    const broken = draftVersion2().replace('\nĐiều 5. ', '\nĐiều 7. ');
    const res = await call('POST', `/v1/drafts/${draftId}/versions`, { fileName: 'du-thao-loi.txt', content: broken }, tokens.drafter);
    expect(res.status).toBe(201);
    const v = VersionResponse.parse(res.json).version;
    expect(v).toMatchObject({ n: 2, status: 'rejected' });
    expect(v.findings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'numbering.gap', severity: 'error' })]));
    const shown = DraftResponse.parse((await call('GET', `/v1/drafts/${draftId}?version=2`)).json);
    expect(shown.current?.status).toBe('rejected');
    expect(shown.versions.map((x) => [x.n, x.status])).toEqual([
      [1, 'accepted'],
      [2, 'rejected'],
    ]);
    expect((await call('POST', `/v1/drafts/${draftId}/comments`, { version: 2, eId: 'art_2', text: 'x' }, tokens.commenter)).status).toBe(409);
  });

  it('version 2 (02/2023’s amendment applied, a new Điều 3, the rest renumbered) is accepted as version 3', async () => {
    const res = await call(
      'POST',
      `/v1/drafts/${draftId}/versions`,
      { fileName: 'du-thao-v2.txt', content: draftVersion2(), note: 'Tiếp thu ý kiến' },
      tokens.drafter,
    );
    expect(res.status).toBe(201);
    expect(VersionResponse.parse(res.json).version).toMatchObject({ n: 3, status: 'accepted', unitCount: 106 });
  });

  it('the unit diff follows renumbered units by content', async () => {
    const res = await call('GET', `/v1/drafts/${draftId}/diff`);
    expect(res.status).toBe(200);
    const d = DraftDiffResponse.parse(res.json);
    expect([d.from, d.to]).toEqual([1, 3]);
    expect(d.summary.articles).toEqual({ matched: 15, changed: 1, renumbered: 13, added: 1, removed: 0 });
    expect(d.summary).toMatchObject({ matched: 102, renumbered: 92, added: 4, removed: 1 });
    const art3 = d.changes.find((c) => c.from?.eId === 'art_3');
    expect(art3).toMatchObject({ status: 'unchanged', renumbered: true, to: { eId: 'art_4', citation: 'Điều 4' } });
    expect(d.changes.find((c) => c.to?.eId === 'art_3')).toMatchObject({ status: 'added', from: null });
    expect((await call('GET', `/v1/drafts/${draftId}/diff?from=1&to=9`)).status).toBe(400);
  });

  it('all 20 comments are carried to version 3’s matching units; the one on the replaced clause is orphaned, kept on version 1', async () => {
    const s = SynthesisResponse.parse((await call('GET', `/v1/drafts/${draftId}/comments`)).json);
    expect(s.version).toBe(3);
    expect(s.totals).toEqual({ comments: 21, replies: 1, open: 21, accepted: 0, rejected: 0, orphaned: 1, carried: 20 });
    const at = new Map(s.units.flatMap((u) => u.comments.map((c) => [c.id, u.eId])));
    expect(at.get(commentIds[1] as string)).toBe('art_4'); // Điều 3 → Điều 4
    expect(at.get(commentIds[8] as string)).toBe('art_7__para_2__point_a');
    expect(at.get(commentIds[0] as string)).toBe('art_2');
    expect(at.get(commentIds[18] as string)).toBe('art_16__para_1');
    expect(s.orphaned).toEqual([
      expect.objectContaining({ id: orphanId, orphanedIn: 3, citation: 'Điều 1, khoản 1', madeOn: { version: 1, eId: 'art_1__para_1' } }),
    ]);
    const v3 = DraftResponse.parse((await call('GET', `/v1/drafts/${draftId}`)).json);
    expect(v3.current?.n).toBe(3);
  });

  it('the drafting team accepts and rejects with explanations; the synthesis exports as CSV', async () => {
    const ok = await call(
      'PATCH',
      `/v1/comments/${commentIds[1]}`,
      { status: 'accepted', explanation: 'Tiếp thu: bổ sung Điều 3 giải thích từ ngữ' },
      tokens.drafter,
    );
    expect(ok.status).toBe(200);
    expect(ok.json.comment).toMatchObject({ status: 'accepted', resolvedBy: 'user-drafter', revision: 2 });
    const teammate = await api.token(['drafter', 'reviewer']);
    expect((await call('PATCH', `/v1/comments/${commentIds[2]}`, { status: 'rejected', explanation: 'Giữ như dự thảo: đã rõ' }, teammate)).status).toBe(200);
    const again = await call('PATCH', `/v1/comments/${commentIds[1]}`, { status: 'rejected', explanation: 'đổi ý' }, tokens.drafter);
    expect(again.status).toBe(409);
    expect((await call('PATCH', `/v1/comments/${commentIds[3]}`, { status: 'accepted', explanation: 'x' }, tokens.otherDrafter)).status).toBe(403);
    expect((await call('PATCH', `/v1/comments/${draftId}.c0000000000000000`, { status: 'accepted', explanation: 'x' }, tokens.drafter)).status).toBe(404);
    const csv = await call('GET', `/v1/drafts/${draftId}/comments?format=csv`);
    expect(csv.type).toContain('text/csv');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 21 + 1);
    expect(lines.find((l) => l.includes(commentIds[1] as string) || l.includes('Góp ý 2 về art_3'))).toContain('Tiếp thu');
    expect(csv.text).toContain('Không tiếp thu');
    expect(csv.text).toContain('Không còn trong phiên bản 3: giữ ở phiên bản 1');
  });

  it('outside the consultation window the public gets a clear 409; the team still comments', async () => {
    const set = await call('PUT', `/v1/drafts/${draftId}/consultation`, { window: { opens: day(-30), closes: day(-2) } }, tokens.drafter);
    expect(set.status).toBe(200);
    const late = await call('POST', `/v1/drafts/${draftId}/comments`, { eId: 'art_3', text: 'Góp ý muộn' }, tokens.commenter);
    expect(late.status).toBe(409);
    const p = Problem.parse(late.json);
    expect(p.type).toBe('/problems/conflict');
    expect(p.detail).toContain(`open from ${day(-30)} to ${day(-2)} (Vietnam time); today is ${day(0)}: closed`);
    const team = await call('POST', `/v1/drafts/${draftId}/comments`, { eId: 'art_3', text: 'Ý kiến của cơ quan thẩm định' }, tokens.appraiser);
    expect(team.status).toBe(201);
    expect(team.json.comment).toMatchObject({ version: 3, publicConsultation: false });
  });

  it('a comment written as a spreadsheet formula comes back neutralised in the CSV export (issue 22)', async () => {
    const formula = "=cmd|' /C calc'!A0";
    expect((await call('POST', `/v1/drafts/${draftId}/comments`, { eId: 'art_3', text: formula }, tokens.appraiser)).status).toBe(201);
    const json = SynthesisResponse.parse((await call('GET', `/v1/drafts/${draftId}/comments`)).json);
    expect(json.units.flatMap((u) => u.comments.map((c) => c.text))).toContain(formula); // JSON keeps the text as written
    const csv = await call('GET', `/v1/drafts/${draftId}/comments?format=csv`);
    expect(csv.type).toContain('text/csv');
    const cells = parseCsv(csv.text).flat();
    expect(cells).toContain(`'${formula}`);
    expect(cells.some((c) => /^[=+\-@\t\r]/.test(c))).toBe(false);
  });

  it('the appraisal body records its opinion against units of version 3', async () => {
    const res = await call(
      'POST',
      `/v1/drafts/${draftId}/appraisals`,
      {
        eIds: ['art_3', 'art_16__para_1'],
        body: 'Vụ Pháp chế',
        opinion: 'Đủ điều kiện trình ban hành sau khi chỉnh lý Điều 3.',
        outcome: 'approved_with_changes',
      },
      tokens.appraiser,
    );
    expect(res.status).toBe(201);
    expect(res.json.appraisal).toMatchObject({ version: 3, by: 'user-appraiser', outcome: 'approved_with_changes' });
    expect(
      (await call('POST', `/v1/drafts/${draftId}/appraisals`, { eIds: ['art_99'], body: 'x', opinion: 'x', outcome: 'approved' }, tokens.appraiser)).status,
    ).toBe(404);
  });

  it('promotion turns version 3 into the official work; the draft links to it and closes', async () => {
    const res = await call(
      'POST',
      `/v1/drafts/${draftId}/promote`,
      { number: '15/2026/TT-BLĐTBXH', issued: '2026-05-15', effective: '2026-07-01', signer: { name: 'Lê Văn Thanh', capacity: 'KT. BỘ TRƯỞNG, THỨ TRƯỞNG' } },
      tokens.reviewer,
    );
    expect(res.status).toBe(201);
    const p = PromoteResponse.parse(res.json);
    expect(p.document).toMatchObject({ id: '15-2026-TT-BLDTBXH', number: '15/2026/TT-BLĐTBXH', issued: '2026-05-15', effective: '2026-07-01', unitCount: 106 });
    expect(p.document.signer).toEqual({ name: 'Lê Văn Thanh', capacity: 'KT. BỘ TRƯỞNG, THỨ TRƯỞNG' });
    expect(p.draft).toMatchObject({ stage: 'promulgated', promotedTo: { workId: '15-2026-TT-BLDTBXH', version: 3, by: 'user-reviewer' } });
    await api.index();
    // The work's units are version 3's: comment links (eIds) resolve on it.
    const unit = await call('GET', '/v1/documents/15-2026-TT-BLDTBXH/units/art_3');
    expect(unit.json.heading ?? unit.json.unit?.heading).toBe('Giải thích từ ngữ');
    // The document names the draft it came from and carries the appraisal (thẩm định) recorded on it.
    const doc = await call('GET', '/v1/documents/15-2026-TT-BLDTBXH');
    expect(doc.json.promotedFrom).toEqual({ draftId, version: 3 });
    expect(doc.json.drafting).toMatchObject({
      draftId,
      version: 3,
      appraisals: [expect.objectContaining({ version: 3, by: 'user-appraiser', outcome: 'approved_with_changes' })],
    });
    const history = await call('GET', '/v1/documents/15-2026-TT-BLDTBXH/history');
    expect(history.json.events.map((e: { actor: string }) => e.actor)).toContain('user-reviewer');
    expect((await call('POST', `/v1/drafts/${draftId}/comments`, { eId: 'art_3', text: 'x' }, tokens.drafter)).status).toBe(409);
    expect((await call('POST', `/v1/drafts/${draftId}/versions`, { fileName: 'v4.txt', content: draftVersion2() }, tokens.drafter)).status).toBe(409);
    expect(
      (
        await call(
          'POST',
          `/v1/drafts/${draftId}/promote`,
          { number: '16/2026/TT-BLĐTBXH', issued: '2026-05-15', effective: '2026-07-01', signer: { name: 'A', capacity: 'B' } },
          tokens.reviewer,
        )
      ).status,
    ).toBe(409);
  });

  it('after promulgation an appraiser records a checking finding, published with the document and the draft', async () => {
    const res = await call(
      'POST',
      '/v1/documents/15-2026-TT-BLDTBXH/checking-findings',
      {
        eId: 'art_6__para_2',
        body: 'Cục Kiểm tra văn bản quy phạm pháp luật',
        finding: 'Quy định mức hỗ trợ vượt mức Nghị định 27/2022/NĐ-CP cho phép',
        unlawful: true,
        handling: 'amend',
      },
      tokens.appraiser,
    );
    expect(res.status).toBe(201);
    const list = FindingsResponse.parse((await call('GET', '/v1/documents/15%2F2026%2FTT-BL%C4%90TBXH/checking-findings')).json);
    expect(list.findings).toEqual([expect.objectContaining({ eId: 'art_6__para_2', unlawful: true, handling: 'amend', by: 'user-appraiser' })]);
    const d = DraftResponse.parse((await call('GET', `/v1/drafts/${draftId}`)).json);
    expect(d.checkingFindings).toHaveLength(1);
    expect(d.appraisals).toHaveLength(1);
    expect(
      (
        await call(
          'POST',
          '/v1/documents/15-2026-TT-BLDTBXH/checking-findings',
          { eId: 'art_99', body: 'x', finding: 'x', unlawful: false, handling: 'no_action' },
          tokens.appraiser,
        )
      ).status,
    ).toBe(404);
  });
});

describe('role rules on every write route', () => {
  const body = {
    create: { title: 'Dự thảo', agency: 'Bộ Tư pháp' },
    version: { fileName: 'v.txt', content: 'Điều 1. Phạm vi\nNội dung.' },
    comment: { eId: 'art_2', text: 'Góp ý' },
    resolve: { status: 'accepted', explanation: 'Tiếp thu' },
    window: { window: { opens: '2026-01-01', closes: '2026-01-31' } },
    appraisal: { eIds: [], body: 'Vụ Pháp chế', opinion: 'Đồng ý', outcome: 'approved' },
    promote: { number: '99/2026/TT-BLĐTBXH', issued: '2026-05-15', effective: '2026-07-01', signer: { name: 'A', capacity: 'B' } },
    finding: { eId: 'art_2', body: 'Cục Kiểm tra', finding: 'x', unlawful: false, handling: 'no_action' },
  };
  const routes: [string, () => string, unknown, string[], string][] = [
    ['POST', () => '/v1/drafts', body.create, ['commenter', 'appraiser', 'reviewer', 'editor', 'reader'], 'drafter'],
    ['POST', () => `/v1/drafts/${draftId}/versions`, body.version, ['commenter', 'appraiser', 'reviewer', 'editor', 'reader'], 'drafter'],
    ['POST', () => `/v1/drafts/${draftId}/comments`, body.comment, ['reader'], 'commenter'],
    ['PATCH', () => `/v1/comments/${commentIds[5]}`, body.resolve, ['commenter', 'appraiser', 'reviewer', 'editor', 'reader'], 'drafter'],
    ['PUT', () => `/v1/drafts/${draftId}/consultation`, body.window, ['commenter', 'appraiser', 'reviewer', 'editor', 'reader'], 'drafter'],
    ['POST', () => `/v1/drafts/${draftId}/appraisals`, body.appraisal, ['drafter', 'commenter', 'reviewer', 'editor', 'reader'], 'appraiser'],
    ['POST', () => `/v1/drafts/${draftId}/promote`, body.promote, ['drafter', 'commenter', 'appraiser', 'editor', 'reader'], 'reviewer'],
    ['POST', () => '/v1/documents/15-2026-TT-BLDTBXH/checking-findings', body.finding, ['drafter', 'commenter', 'reviewer', 'editor', 'reader'], 'appraiser'],
  ];
  const label = (f: () => string) =>
    f
      .toString()
      .replace(/^\(\)\s*=>\s*/, '')
      .replace(/[`']/g, '')
      .replace(/\$\{draftId\}/, '{id}')
      .replace(/\$\{commentIds\[5\]\}/, '{commentId}');
  it.each(routes.map((r) => [`${r[0]} ${label(r[1])} (${r[4]})`, ...r] as const))(
    '%s: 401 without identity, 403 with another role',
    async (_name, method, path, b, wrong, role) => {
      const none = await call(method, path(), b);
      expect(none.status).toBe(401);
      expect(Problem.parse(none.json).type).toBe('/problems/unauthenticated');
      for (const r of wrong) {
        const res = await call(method, path(), b, tokens[r]);
        expect([r, res.status]).toEqual([r, 403]);
        expect(Problem.parse(res.json).detail).toContain(`needs the ${role} role`);
      }
    },
  );

  it('a drafter outside the drafting team is refused (403) on the draft’s writes', async () => {
    const fresh = await call('POST', '/v1/drafts', body.create, tokens.drafter);
    const id = fresh.json.draft.id;
    for (const [method, path, b] of [
      ['POST', `/v1/drafts/${id}/versions`, { fileName: 'v1.txt', content: draftVersion1() }],
      ['PUT', `/v1/drafts/${id}/consultation`, body.window],
    ] as const) {
      const res = await call(method, path, b, tokens.otherDrafter);
      expect([path, res.status]).toEqual([path, 403]);
      expect(Problem.parse(res.json).detail).toContain('Only the drafting team');
    }
  });

  it('reads are public: the draft, its diff, its synthesis and a document’s findings need no identity', async () => {
    for (const path of [
      `/v1/drafts/${draftId}`,
      `/v1/drafts/${draftId}/diff?from=1&to=3`,
      `/v1/drafts/${draftId}/comments`,
      '/v1/documents/15-2026-TT-BLDTBXH/checking-findings',
    ])
      expect([path, (await call('GET', path)).status]).toEqual([path, 200]);
    expect((await call('GET', '/v1/drafts/dt-ffffffffffff')).status).toBe(404);
  });
});

describe('workflow integrity (issue 22)', () => {
  let id = '';
  beforeAll(async () => {
    id = (await call('POST', '/v1/drafts', { title: 'Dự thảo Thông tư thử quy trình', agency: 'Bộ Tư pháp' }, tokens.drafter)).json.draft.id;
  });

  it('a version sent twice (same Idempotency-Key, or the same file from the same drafter) is stored once', async () => {
    const upload = { fileName: 'v1.txt', content: draftVersion1(), note: 'Bản đầu' };
    const first = await call('POST', `/v1/drafts/${id}/versions`, upload, tokens.drafter, { 'idempotency-key': 'up-1' });
    expect(first.status).toBe(201);
    const again = await call('POST', `/v1/drafts/${id}/versions`, upload, tokens.drafter, { 'idempotency-key': 'up-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.version).toEqual(first.json.version);
    // The key names one request: another body under it is refused, nothing stored.
    const reused = await call('POST', `/v1/drafts/${id}/versions`, { ...upload, content: draftVersion2() }, tokens.drafter, { 'idempotency-key': 'up-1' });
    expect(reused.status).toBe(409);
    expect(Problem.parse(reused.json).detail).toContain('Idempotency-Key');
    // No key: the same bytes, note and mode from the same drafter are the same request.
    const v2 = { fileName: 'v2.txt', content: draftVersion2() };
    const plain = await call('POST', `/v1/drafts/${id}/versions`, v2, tokens.drafter);
    const plainAgain = await call('POST', `/v1/drafts/${id}/versions`, v2, tokens.drafter);
    expect([plain.status, plain.json.version.n, plainAgain.status, plainAgain.json.version.n]).toEqual([201, 2, 200, 2]);
    const d = DraftResponse.parse((await call('GET', `/v1/drafts/${id}`)).json);
    expect([d.draft.versions, d.versions.map((v) => v.n)]).toEqual([2, [1, 2]]);
  });

  it('a comment sent twice (same Idempotency-Key, or the same text on the same unit by the same person) is stored once', async () => {
    const body = { version: 1, eId: 'art_2', text: 'Đề nghị làm rõ đối tượng áp dụng' };
    const first = await call('POST', `/v1/drafts/${id}/comments`, body, tokens.appraiser, { 'idempotency-key': 'c-1' });
    expect(first.status).toBe(201);
    const again = await call('POST', `/v1/drafts/${id}/comments`, body, tokens.appraiser, { 'idempotency-key': 'c-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.comment).toEqual(first.json.comment);
    const reused = await call('POST', `/v1/drafts/${id}/comments`, { ...body, text: 'Khác' }, tokens.appraiser, { 'idempotency-key': 'c-1' });
    expect(reused.status).toBe(409);
    expect(Problem.parse(reused.json).detail).toContain('Idempotency-Key');
    const plain = await call('POST', `/v1/drafts/${id}/comments`, { eId: 'art_3', text: 'Góp ý lặp' }, tokens.drafter);
    const plainAgain = await call('POST', `/v1/drafts/${id}/comments`, { eId: 'art_3', text: ' Góp ý lặp ' }, tokens.drafter);
    expect([plain.status, plainAgain.status]).toEqual([201, 200]);
    expect(plainAgain.json.comment.id).toBe(plain.json.comment.id);
    // Someone else saying the same thing is another comment.
    const other = await call('POST', `/v1/drafts/${id}/comments`, { eId: 'art_3', text: 'Góp ý lặp' }, tokens.appraiser);
    expect(other.status).toBe(201);
    expect(other.json.comment.id).not.toBe(plain.json.comment.id);
    const synthesis = SynthesisResponse.parse((await call('GET', `/v1/drafts/${id}/comments`)).json);
    expect(synthesis.units.flatMap((u) => u.comments).length + synthesis.orphaned.length).toBe(3);
  });

  const promote = { number: '21/2026/TT-BTP', issued: '2026-06-01', effective: '2026-08-01', signer: { name: 'Nguyễn Văn A', capacity: 'BỘ TRƯỞNG' } };

  it('promotion needs a reviewer (403 for the drafting team) and an appraisal on record (409 appraisal-required)', async () => {
    const byDrafter = await call('POST', `/v1/drafts/${id}/promote`, promote, tokens.drafter);
    expect(byDrafter.status).toBe(403);
    expect(Problem.parse(byDrafter.json).detail).toContain('needs the reviewer role');
    const noAppraisal = await call('POST', `/v1/drafts/${id}/promote`, promote, tokens.reviewer);
    expect(noAppraisal.status).toBe(409);
    expect(noAppraisal.type).toContain('application/problem+json');
    expect(Problem.parse(noAppraisal.json).type).toBe('/problems/appraisal-required');
    const refused = { eIds: [], body: 'Vụ Pháp chế', opinion: 'Chưa đủ điều kiện trình', outcome: 'not_approved' };
    expect((await call('POST', `/v1/drafts/${id}/appraisals`, refused, tokens.appraiser)).status).toBe(201);
    const notApproved = await call('POST', `/v1/drafts/${id}/promote`, promote, tokens.reviewer);
    expect(Problem.parse(notApproved.json)).toMatchObject({ status: 409, type: '/problems/appraisal-required' });
    expect(Problem.parse(notApproved.json).detail).toContain('not_approved');
    expect(DraftResponse.parse((await call('GET', `/v1/drafts/${id}`)).json).draft.stage).toBe('draft');
  });

  it('a reviewer promotes an appraised draft; the same request again answers the same, another is 409', async () => {
    const ok = { eIds: [], body: 'Vụ Pháp chế', opinion: 'Đủ điều kiện trình ban hành', outcome: 'approved' };
    expect((await call('POST', `/v1/drafts/${id}/appraisals`, ok, tokens.appraiser)).status).toBe(201);
    const first = await call('POST', `/v1/drafts/${id}/promote`, promote, tokens.reviewer);
    expect(first.status).toBe(201);
    const p = PromoteResponse.parse(first.json);
    expect(p.draft).toMatchObject({ stage: 'promulgated', promotedTo: { workId: '21-2026-TT-BTP', version: 2, by: 'user-reviewer' } });
    const again = await call('POST', `/v1/drafts/${id}/promote`, promote, tokens.reviewer);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(PromoteResponse.parse(again.json).document.id).toBe('21-2026-TT-BTP');
    expect(again.json.draft).toEqual(first.json.draft);
    expect((await call('POST', `/v1/drafts/${id}/promote`, { ...promote, number: '22/2026/TT-BTP' }, tokens.reviewer)).status).toBe(409);
  });
});
