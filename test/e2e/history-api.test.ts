/**
 * History, change feed and reviewers' edits over HTTP on the local runtime: roles on every write (401 without an
 * identity, 403 for an editor, reviewers only), idempotent edits, Atom, responses that match the OpenAPI schemas.
 */
import { parseDocument } from 'htmlparser2';
import { Problem } from '../../schemas/common';
import { ChangesResponse, HistoryResponse, ReviewResponse } from '../../schemas/history';
import { RelationsResponse, StatusResponse } from '../../schemas/status';
import { sampleFile } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';

type Api = Awaited<ReturnType<typeof startLocalApi>>;
let api: Api;
let editor: string;
let reviewer: string;

beforeAll(async () => {
  api = await startLocalApi();
  editor = await api.token(['editor']);
  reviewer = await api.token(['reviewer']);
  for (const f of ['09-2022-TT-BLDTBXH.txt', '02-2023-TT-BLDTBXH.txt']) expect((await api.ingest(f, sampleFile(f))).outcome).toBe('created');
  await api.index();
});
afterAll(() => api.close());

const get = async (path: string) => {
  const res = await fetch(`${api.base}${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};
const send = (method: string, path: string, body: unknown, token?: string) =>
  fetch(`${api.base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('history and change feed', () => {
  it('GET /v1/documents/{id}/history names who ingested it, and asRecordedAt cuts it', async () => {
    const res = await get('/v1/documents/09-2022-TT-BLDTBXH/history');
    expect(res.status).toBe(200);
    const body = HistoryResponse.parse(JSON.parse(res.text));
    expect(body.events[0]).toMatchObject({ kind: 'document.created', actor: 'user-editor' });
    expect(body.events.some((e) => e.kind === 'status.changed')).toBe(true);
    const before = HistoryResponse.parse(JSON.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/history?asRecordedAt=2001-01-01')).text));
    expect(before.events).toEqual([]);
    const bad = await get('/v1/documents/09-2022-TT-BLDTBXH/history?asRecordedAt=2024-02-31');
    expect(bad.status).toBe(400);
    expect(Problem.parse(JSON.parse(bad.text)).type).toBe('/problems/validation');
    expect((await get('/v1/documents/99-2099-TT-XYZ/history')).status).toBe(404);
  });

  it('GET /v1/changes pages through every event and resumes; format=atom is an Atom feed', async () => {
    const first = ChangesResponse.parse(JSON.parse((await get('/v1/changes?limit=3')).text));
    expect(first.items).toHaveLength(3);
    const rest = ChangesResponse.parse(JSON.parse((await get(`/v1/changes?limit=500&since=${encodeURIComponent(first.cursor)}`)).text));
    const all = ChangesResponse.parse(JSON.parse((await get('/v1/changes?limit=500')).text));
    expect([...first.items, ...rest.items].map((e) => e.id)).toEqual(all.items.map((e) => e.id));

    const atom = await get('/v1/changes?format=atom&limit=500');
    expect(atom.status).toBe(200);
    expect(atom.type).toContain('application/atom+xml');
    const doc = parseDocument(atom.text, { xmlMode: true });
    const feed = doc.children.find((n) => 'name' in n && n.name === 'feed') as unknown as { attribs: Record<string, string>; children: { name?: string }[] };
    expect(feed.attribs.xmlns).toBe('http://www.w3.org/2005/Atom');
    const entries = feed.children.filter((n) => n.name === 'entry');
    expect(entries.length).toBe(all.items.filter((e) => e.kind !== 'relation.reviewed').length);
    expect(atom.text).toContain('Tiếp nhận Thông tư 09/2022/TT-BLĐTBXH');
    expect((await get('/v1/changes?since=%%%')).status).toBe(400);
  });
});

describe('reviewers edit relations over HTTP', () => {
  it('401 without an identity, 403 for an editor; a reviewer removes a relation, once; status and history follow', async () => {
    const rel = RelationsResponse.parse(JSON.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/relations')).text));
    const amend = rel.groups.find((g) => g.direction === 'incoming' && g.type === 'amends')?.relations[0];
    expect(amend).toBeDefined();
    const path = `/v1/documents/09-2022-TT-BLDTBXH/relations/${amend?.id}`;
    const body = { reason: 'Thử nghiệm: quan hệ đọc sai' };

    const anon = await send('DELETE', path, body);
    expect(anon.status).toBe(401);
    expect(Problem.parse(await anon.json()).type).toBe('/problems/unauthenticated');
    const asEditor = await send('DELETE', path, body, editor);
    expect(asEditor.status).toBe(403);
    expect(Problem.parse(await asEditor.json()).type).toBe('/problems/forbidden');
    expect(
      (
        await send(
          'POST',
          '/v1/documents/09-2022-TT-BLDTBXH/relations',
          { relation: { type: 'cites', direction: 'outgoing', other: '15/2020/NĐ-CP' }, reason: 'abc' },
          editor,
        )
      ).status,
    ).toBe(403);

    const ok = await send('DELETE', path, body, reviewer);
    expect(ok.status).toBe(201);
    const review = ReviewResponse.parse(await ok.json());
    expect(review).toMatchObject({ created: true, holder: '02-2023-TT-BLDTBXH', review: { action: 'remove', actor: 'user-reviewer' } });
    const again = await send('DELETE', path, body, reviewer);
    expect(again.status).toBe(200);
    expect(ReviewResponse.parse(await again.json()).created).toBe(false);
    await api.index();

    const after = RelationsResponse.parse(JSON.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/relations')).text));
    const ids = after.groups.flatMap((g) => g.relations.map((r) => r.id));
    expect(ids).not.toContain(amend?.id);
    const hist = HistoryResponse.parse(JSON.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/history')).text));
    expect(hist.events.some((e) => e.kind === 'relation.reviewed' && e.actor === 'user-reviewer' && e.reason === body.reason)).toBe(true);

    // A reviewer adds one back by number, with a date; the status answers from it.
    const add = await send(
      'POST',
      '/v1/documents/09-2022-TT-BLDTBXH/relations',
      { relation: { type: 'repeals', direction: 'incoming', other: '03/2024/TT-BLĐTBXH', effectiveFrom: '2024-06-05' }, reason: 'Theo 169/QĐ-BLĐTBXH' },
      reviewer,
    );
    expect(add.status).toBe(201);
    await api.index();
    const status = StatusResponse.parse(JSON.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/status?at=2024-06-05')).text));
    expect(status.status).toBe('expired');
    // Held by 09/2022 (its source is not in the database), the relation is incoming only: no relation to itself.
    const held = RelationsResponse.parse(JSON.parse((await get('/v1/documents/09-2022-TT-BLDTBXH/relations')).text));
    expect(held.groups.flatMap((g) => g.relations.filter((r) => r.other.workId === '09-2022-TT-BLDTBXH'))).toEqual([]);
    expect(held.groups.find((g) => g.type === 'repeals' && g.direction === 'incoming')?.relations.map((r) => r.other.number)).toEqual(['03/2024/TT-BLĐTBXH']);
    // A document cited but not held answers as a placeholder: status unknown (no date known), relations from what cites it.
    const cite = await send(
      'POST',
      '/v1/documents/09-2022-TT-BLDTBXH/relations',
      { relation: { type: 'cites', direction: 'outgoing', other: '15/2020/NĐ-CP', eId: 'art_1' }, reason: 'Dẫn chiếu bị sót' },
      reviewer,
    );
    expect(cite.status).toBe(201);
    await api.index();
    const ph = StatusResponse.parse(JSON.parse((await get('/v1/documents/15%2F2020%2FN%C4%90-CP/status?at=2024-06-05')).text));
    expect(ph).toMatchObject({ inDatabase: false, status: 'unknown', documentNumber: '15/2020/NĐ-CP' });
    const phRel = RelationsResponse.parse(JSON.parse((await get('/v1/documents/15-2020-ND-CP/relations')).text));
    expect(phRel.groups.find((g) => g.type === 'cites' && g.direction === 'incoming')?.relations[0]?.other.workId).toBe('09-2022-TT-BLDTBXH');

    const badId = await send('DELETE', '/v1/documents/09-2022-TT-BLDTBXH/relations/not-an-id', body, reviewer);
    expect(badId.status).toBe(400);
    const unknown = await send('DELETE', '/v1/documents/09-2022-TT-BLDTBXH/relations/0123456789abcdef', body, reviewer);
    expect(unknown.status).toBe(404);
  });
});
