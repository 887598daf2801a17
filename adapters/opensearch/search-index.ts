/**
 * Search on OpenSearch. Writes go to an alias (`<prefix>-search`) over a versioned physical index
 * (`<prefix>-search-v1`), so a mapping change can build v2 beside it and move the alias without downtime.
 * Text is folded by the domain (the same fold() SQLite uses): the test node has only core analysis, and both
 * engines then agree on what matches. User text only reaches a `multi_match` query as plain words.
 */
import type { Client } from '@opensearch-project/opensearch';
import { DomainError } from '../../domain/errors';
import type { SearchEntry, SearchHit, SearchIndex, SearchQuery } from '../../domain/ports';
import { foldedWords, queryTerms } from '../../domain/text/snippet';

export const MAPPING_VERSION = 1;

interface Source {
  id: string;
  workId: string;
  kind: SearchEntry['kind'];
  eId: string | null;
  documentNumber: string | null;
  documentType: string;
  title: string | null;
  text: string;
  issued: string | null;
}

export interface OpenSearchIndexOptions {
  prefix: string;
  /** `wait_for` in tests (read your writes); false in production (the refresh interval suffices). */
  refresh?: boolean | 'wait_for';
}

export class OpenSearchIndex implements SearchIndex {
  private readonly alias: string;
  private readonly physical: string;

  constructor(
    private readonly client: Client,
    private readonly options: OpenSearchIndexOptions,
  ) {
    this.alias = `${options.prefix}-search`;
    this.physical = `${this.alias}-v${MAPPING_VERSION}`;
  }

  async ensureReady(): Promise<void> {
    const exists = await this.client.indices.exists({ index: this.alias });
    if (exists.body) return;
    try {
      await this.client.indices.create({
        index: this.physical,
        body: {
          settings: { number_of_shards: 1, number_of_replicas: 0 },
          aliases: { [this.alias]: {} },
          mappings: {
            dynamic: 'strict',
            properties: {
              id: { type: 'keyword' },
              workId: { type: 'keyword' },
              kind: { type: 'keyword' },
              eId: { type: 'keyword' },
              documentNumber: { type: 'keyword' },
              documentType: { type: 'keyword' },
              title: { type: 'text', index: false },
              text: { type: 'text', index: false },
              issued: { type: 'date', format: 'strict_date' },
              title_folded: { type: 'text', analyzer: 'standard' },
              text_folded: { type: 'text', analyzer: 'standard' },
            },
          },
        },
      });
    } catch (e) {
      // Another process created it first.
      if (!String((e as { body?: unknown }).body ? JSON.stringify((e as { body: unknown }).body) : e).includes('resource_already_exists')) throw e;
    }
  }

  async upsert(entries: SearchEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const body: unknown[] = [];
    for (const e of entries) {
      // external_gte: an entry built from an older work version never overwrites a newer one; the same version twice
      // (a retried stream batch) is accepted.
      body.push({ index: { _index: this.alias, _id: e.id, version: e.version, version_type: 'external_gte' } });
      const { version: _v, ...src } = e;
      // The words, split exactly as queryTerms() splits queries (and as FTS5's tokenizer does): `3.5` → `3 5`.
      body.push({ ...src, title_folded: foldedWords(e.title ?? '').join(' '), text_folded: foldedWords(e.text).join(' ') });
    }
    const res = await this.client.bulk({ body: body as never, refresh: this.options.refresh ?? false });
    const items = (res.body.items ?? []) as Record<string, { status: number; error?: { type: string; reason?: string } }>[];
    const failed = items.map((i) => Object.values(i)[0]).filter((r) => r?.error && r.error.type !== 'version_conflict_engine_exception');
    if (failed.length > 0)
      throw new DomainError(
        'dependency_unavailable',
        `OpenSearch rejected ${failed.length} entries: ${failed[0]?.error?.type}: ${failed[0]?.error?.reason ?? ''}`,
      );
  }

  async removeWork(workId: string): Promise<void> {
    await this.client.deleteByQuery({
      index: this.alias,
      body: { query: { term: { workId } } },
      refresh: this.options.refresh !== false && this.options.refresh !== undefined,
      conflicts: 'proceed',
    });
  }

  async search(query: SearchQuery): Promise<{ total: number; hits: SearchHit[] }> {
    const terms = queryTerms(query.q);
    if (terms.length === 0) return { total: 0, hits: [] };
    const res = await this.client.search({
      index: this.alias,
      body: {
        from: query.offset,
        size: query.limit,
        track_total_hits: true,
        _source: { excludes: ['title_folded', 'text_folded'] },
        query: {
          bool: {
            // cross_fields + and: every word must occur in the title or the text, as in FTS5's implicit AND.
            must: [{ multi_match: { query: terms.join(' '), fields: ['title_folded^4', 'text_folded'], type: 'cross_fields', operator: 'and' } }],
            // Rank like FTS5's column weights: all words in the title (a heading, a document's name) first, then the
            // words in the order typed.
            should: [
              { match: { title_folded: { query: terms.join(' '), operator: 'and', boost: 4 } } },
              { match_phrase: { title_folded: { query: terms.join(' '), boost: 2 } } },
              { match_phrase: { text_folded: { query: terms.join(' ') } } },
            ],
            filter: [
              ...(query.type ? [{ term: { documentType: query.type } }] : []),
              ...(query.scope === 'documents' ? [{ term: { kind: 'document' } }] : []),
              ...(query.issuedFrom || query.issuedTo
                ? [{ range: { issued: { ...(query.issuedFrom ? { gte: query.issuedFrom } : {}), ...(query.issuedTo ? { lte: query.issuedTo } : {}) } } }]
                : []),
            ],
            must_not: query.scope === 'units' ? [{ term: { kind: 'document' } }] : [],
          },
        },
        sort: [{ _score: 'desc' }, { id: 'asc' }],
      },
    });
    const hits = res.body.hits;
    const total = typeof hits.total === 'number' ? hits.total : (hits.total?.value ?? 0);
    return {
      total,
      hits: hits.hits.map((h) => {
        const s = h._source as unknown as Source;
        return {
          id: s.id,
          workId: s.workId,
          kind: s.kind,
          eId: s.eId,
          documentNumber: s.documentNumber,
          documentType: s.documentType,
          title: s.title,
          score: Number(h._score ?? 0),
          text: s.text,
        };
      }),
    };
  }
}
