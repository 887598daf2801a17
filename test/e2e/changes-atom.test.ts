/**
 * The Atom view of the change feed (issue 18, "Events and feed"): newest first, a `next` link to the next older page
 * that neither repeats nor skips an event (absent on the last page), links escaped once, an empty feed dated now.
 */
import { request } from 'node:http';
import { DomUtils, parseDocument } from 'htmlparser2';
import { Problem } from '../../schemas/common';
import { ChangesResponse } from '../../schemas/history';
import { sampleFile } from '../support/fixtures';
import { startLocalApi } from '../support/local-api';

type Api = Awaited<ReturnType<typeof startLocalApi>>;
let api: Api;
let empty: { text: string; from: number; to: number };

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(path.startsWith('http') ? path : `${api.base}${path}`, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

interface Atom {
  updated: string;
  links: Record<string, string>;
  entries: { id: string; updated: string }[];
}

/** The feed's links (href decoded once by the parser), its updated and its entries in document order. */
function parseAtom(xml: string): Atom {
  const doc = parseDocument(xml, { xmlMode: true });
  const feed = DomUtils.findOne((n) => n.name === 'feed', doc.children);
  if (!feed) throw new Error('no <feed>');
  const text = (el: ReturnType<typeof DomUtils.getChildren>[number] | null) => (el ? DomUtils.textContent(el).trim() : '');
  const own = (name: string) => feed.children.filter((n) => DomUtils.isTag(n) && n.name === name) as (typeof feed)[];
  const links: Record<string, string> = {};
  for (const l of own('link')) links[l.attribs.rel ?? 'alternate'] = l.attribs.href ?? '';
  return {
    updated: text(own('updated')[0] ?? null),
    links,
    entries: own('entry').map((e) => ({
      id: text(DomUtils.findOne((n) => n.name === 'id', e.children, false)),
      updated: text(DomUtils.findOne((n) => n.name === 'updated', e.children, false)),
    })),
  };
}

beforeAll(async () => {
  api = await startLocalApi();
  const from = Date.now();
  const res = await get('/v1/changes?format=atom');
  empty = { text: res.text, from, to: Date.now() };
  const editor = await api.token(['editor']);
  for (const f of ['09-2022-TT-BLDTBXH.txt', '02-2023-TT-BLDTBXH.txt', '38-2022-ND-CP.txt']) {
    const posted = await fetch(`${api.base}/v1/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
      body: JSON.stringify({ fileName: f, content: sampleFile(f).toString('utf8') }),
    });
    expect(posted.status).toBe(201);
  }
  await api.index();
});
afterAll(() => api.close());

describe('the Atom change feed', () => {
  it('an empty feed is dated when asked, not 1970, with no entries and no next link', () => {
    const atom = parseAtom(empty.text);
    expect(atom.entries).toEqual([]);
    expect(atom.updated).not.toMatch(/^1970/);
    const t = Date.parse(atom.updated);
    expect(t).toBeGreaterThanOrEqual(empty.from - 1000);
    expect(t).toBeLessThanOrEqual(empty.to + 1000);
    expect(atom.links.next).toBeUndefined();
    expect(atom.links.self).toBe(`${api.base}/v1/changes?format=atom`);
  });

  it('is newest first; its self link is the URL asked for, escaped once; next pages to older events without overlap or gap', async () => {
    const all = ChangesResponse.parse(JSON.parse((await get('/v1/changes?limit=500')).text));
    const expected = all.items
      .filter((e) => e.kind !== 'relation.reviewed')
      .map((e) => `urn:csdl:event:${e.id}`)
      .reverse();
    expect(expected.length).toBeGreaterThan(6);

    let url: string | undefined = `${api.base}/v1/changes?format=atom&limit=3`;
    const seen: string[] = [];
    const updates: string[] = [];
    let pages = 0;
    for (; url && pages < 100; pages++) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.type).toContain('application/atom+xml');
      expect(res.text).not.toContain('&amp;amp;');
      const atom = parseAtom(res.text);
      expect(atom.links.self).toBe(url);
      expect(res.text).toContain(`href="${url.replace(/&/g, '&amp;')}"`);
      if (atom.entries.length) expect(atom.updated).toBe(atom.entries[0]?.updated);
      seen.push(...atom.entries.map((e) => e.id));
      updates.push(...atom.entries.map((e) => e.updated));
      if (atom.links.next) expect(atom.entries.length).toBe(3);
      url = atom.links.next;
    }
    expect(pages).toBeGreaterThan(2);
    expect(seen).toEqual(expected);
    expect([...updates].sort().reverse()).toEqual(updates);
    // The first page without a limit holds the newest events, the newest first.
    const top = parseAtom((await get('/v1/changes', { accept: 'application/atom+xml' })).text);
    expect(top.entries.map((e) => e.id)).toEqual(expected.slice(0, 100));
    expect(top.links.next).toBeUndefined();
    expect(top.links.self).toBe(`${api.base}/v1/changes?format=atom`);
  });

  it('keeps the JSON feed oldest first; refuses the cursors of one view in the other', async () => {
    const first = ChangesResponse.parse(JSON.parse((await get('/v1/changes?limit=2')).text));
    const all = ChangesResponse.parse(JSON.parse((await get('/v1/changes?limit=500')).text));
    expect(first.items.map((e) => e.id)).toEqual(all.items.slice(0, 2).map((e) => e.id));
    const next = parseAtom((await get('/v1/changes?format=atom&limit=2')).text).links.next as string;
    const before = new URL(next).searchParams.get('before') as string;
    for (const path of [
      `/v1/changes?before=${encodeURIComponent(before)}`,
      `/v1/changes?format=atom&since=${encodeURIComponent(first.cursor)}`,
      `/v1/changes?format=atom&before=${encodeURIComponent(first.cursor)}`,
      `/v1/changes?since=${encodeURIComponent(before)}`,
    ]) {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(Problem.parse(JSON.parse(res.text)).type).toBe('/problems/validation');
    }
  });
});

describe('the feed’s links come from the configured public base URL, never from the Host header (issue 22)', () => {
  /** fetch may not set Host: a raw request does, as a client (or a cache poisoner) can. */
  const withHost = (path: string, host: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const u = new URL(`${api.base}${path}`);
      const req = request({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, headers: { host } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end();
    });

  it('a forged Host does not appear in the feed; every link starts with the public base', async () => {
    for (const host of ['evil.example', 'evil.example:8443', 'localhost:1']) {
      const res = await withHost('/v1/changes?format=atom&limit=2', host);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(host);
      const atom = parseAtom(res.text);
      expect(atom.links.self).toBe(`${api.base}/v1/changes?format=atom&limit=2`);
      expect(atom.links.next?.startsWith(`${api.base}/v1/changes?format=atom&limit=2&before=`)).toBe(true);
      for (const [, href] of res.text.matchAll(/href="([^"]*)"/g)) expect(href?.startsWith(api.base)).toBe(true);
    }
  });
});
