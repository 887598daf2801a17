/**
 * Atom feeds (the change feed, a subscription's feed), written with the `feed` library. Links are absolute on the
 * configured public base URL, never on the Host header; `self` and `next` are written here, because the library
 * escapes its self link twice and writes no next link.
 */
import { Feed } from 'feed';

export interface AtomEntry {
  id: string;
  title: string;
  link: string;
  date: Date;
  description: string;
  author: string;
  category: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  description: string;
  link: string;
  /** As recent as its newest entry; an empty feed: now. */
  updated: Date;
  self: string;
  /** The next (older) page, if any. */
  next: string | null;
  entries: AtomEntry[];
}

/** An attribute value escaped once. */
const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const FEED_OPEN = '<feed xmlns="http://www.w3.org/2005/Atom">';

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

export function atomXml(f: AtomFeed): string {
  const feed = new Feed({
    id: f.id,
    title: f.title,
    description: f.description,
    link: f.link,
    language: 'vi',
    updated: f.updated,
    copyright: 'Văn bản quy phạm pháp luật không thuộc đối tượng bảo hộ quyền tác giả (Luật Sở hữu trí tuệ, Điều 15)',
  });
  for (const e of f.entries)
    feed.addItem({
      id: e.id,
      title: e.title,
      link: e.link,
      date: e.date,
      description: e.description,
      author: [{ name: e.author }],
      category: [{ name: e.category, term: e.category }],
    });
  const links = [
    `<link rel="self" type="application/atom+xml" href="${attr(f.self)}"/>`,
    ...(f.next ? [`<link rel="next" type="application/atom+xml" href="${attr(f.next)}"/>`] : []),
  ];
  const xml = feed.atom1();
  if (!xml.includes(FEED_OPEN)) throw new Error('feed: the Atom output has no <feed> element as expected');
  return xml.replace(FEED_OPEN, () => `${FEED_OPEN}${links.map((l) => `\n    ${l}`).join('')}`);
}
