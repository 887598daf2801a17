/** Building index entries from stored works, and answering searches with snippets cut the same way on every engine. */
import { DomainError } from '../errors';
import type { Work } from '../model';
import type { Ports, SearchEntry, SearchHit } from '../ports';
import { makeSnippet, queryTerms } from '../text/snippet';
import { normalizeText } from '../text/normalize';
import { readDocument } from '../parse/formats';

export const MAX_QUERY_CHARS = 1000;

/** Index entries for one work. Today one document-level entry; unit entries come with the parser. */
export function searchEntriesFor(work: Work, text: string): SearchEntry[] {
  return [
    {
      id: work.id,
      workId: work.id,
      kind: 'document',
      eId: null,
      documentNumber: work.number,
      documentType: work.type,
      title: work.title,
      // One line of plain spaces: the index needs words, and snippets read better without hard wraps.
      text: normalizeText(text).replace(/\s+/g, ' ').trim(),
      issued: work.issued,
      version: work.version,
    },
  ];
}

/** (Re)indexes works from the store; returns the ids it indexed and those that no longer exist (removed). */
export async function indexWorks(ports: Ports, ids: string[]): Promise<{ indexed: string[]; removed: string[] }> {
  const indexed: string[] = [];
  const removed: string[] = [];
  for (const id of [...new Set(ids)]) {
    const work = await ports.works.get(id);
    if (!work) {
      await ports.search.removeWork(id);
      removed.push(id);
      continue;
    }
    const primary = work.sources[0];
    if (!primary) continue;
    const bytes = await ports.blobs.get(primary.blobKey);
    if (!bytes) throw new DomainError('dependency_unavailable', `Original ${primary.blobKey} of ${id} is missing from the blob store`);
    const { text, format } = await readDocument(primary.fileName, bytes);
    // Markdown renditions: emphasis markers are markup, not words (the parser will own this normalisation).
    await ports.search.upsert(searchEntriesFor(work, format === 'markdown' ? text.replace(/\*+/g, '') : text));
    indexed.push(id);
  }
  return { indexed, removed };
}

export interface SearchRequest {
  q: string;
  limit: number;
  offset: number;
  type?: string;
}

export interface SearchResultHit extends Omit<SearchHit, 'text'> {
  snippet: string;
  highlights: [number, number][];
}

export async function searchDocuments(ports: Pick<Ports, 'search'>, req: SearchRequest): Promise<{ total: number; hits: SearchResultHit[] }> {
  const q = req.q.trim();
  if (q.length > MAX_QUERY_CHARS) throw new DomainError('validation', `The query is longer than ${MAX_QUERY_CHARS} characters`);
  if (queryTerms(q).length === 0) throw new DomainError('validation', 'The query has no words to search for');
  const res = await ports.search.search({ q, limit: req.limit, offset: req.offset, ...(req.type ? { type: req.type } : {}) });
  return {
    total: res.total,
    hits: res.hits.map(({ text, ...hit }) => {
      const s = makeSnippet(text, q);
      return { ...hit, snippet: s.text, highlights: s.highlights };
    }),
  };
}
