/**
 * Search on OpenSearch. Writes go to an alias (`<prefix>-search`) over a versioned physical index
 * (`<prefix>-search-v1`), so a mapping change can build v2 beside it and move the alias without downtime.
 * Text is folded by the domain (the same fold() SQLite uses): the test node has only core analysis, and both
 * engines then agree on what matches. User text only reaches a `multi_match` query as plain words.
 */
import type { Client } from '@opensearch-project/opensearch';
import { DomainError } from '../../domain/errors';
import type {
  BrowseAfter,
  BrowseQuery,
  BrowseResult,
  BrowseSort,
  Facets,
  GroupedResult,
  PassageCandidates,
  PassageQuery,
  SearchEntry,
  SearchFilters,
  SearchHit,
  SearchIndex,
  SearchQuery,
  SearchResult,
  Suggestion,
} from '../../domain/ports';
import { nameKey } from '../../domain/issuers';
import { exactWords, parseQuery } from '../../domain/text/query';
import { passageTerms, passageText } from '../../domain/text/question';
import { foldedWords, queryTerms } from '../../domain/text/snippet';

/** The physical index's version: a change that needs a reindex moves it (fields added are put on the index in place). */
export const MAPPING_VERSION = 2;
/** Fields added to the mapping after an index was created with it: ensureReady() puts them on an existing index. */
const ADDED_FIELDS = ['passage_terms', 'passage_length'] as const;
const FACET_SIZE = 20;

interface Source {
  id: string;
  workId: string;
  kind: SearchEntry['kind'];
  eId: string | null;
  documentNumber: string | null;
  documentType: string;
  title: string | null;
  documentTitle: string | null;
  text: string;
  citation: string | null;
  issued: string | null;
  status: string;
}

const SOURCE_FIELDS = ['id', 'workId', 'kind', 'eId', 'documentNumber', 'documentType', 'title', 'documentTitle', 'text', 'citation', 'issued', 'status'];

const toHit = (h: { _source?: unknown; _score?: number | string | null }): SearchHit => {
  const s = h._source as Source;
  return {
    id: s.id,
    workId: s.workId,
    kind: s.kind,
    eId: s.eId,
    documentNumber: s.documentNumber,
    documentType: s.documentType,
    title: s.title,
    documentTitle: s.documentTitle,
    citation: s.citation,
    issued: s.issued,
    status: s.status,
    score: Number(h._score ?? 0),
    text: s.text,
  };
};

/** The mapping of one entry (docs/adr/0008): words pre-split by the domain, so `standard` only splits on spaces. */
export const MAPPINGS = {
  dynamic: 'strict',
  properties: {
    id: { type: 'keyword' },
    workId: { type: 'keyword' },
    kind: { type: 'keyword' },
    eId: { type: 'keyword' },
    documentNumber: { type: 'keyword' },
    documentType: { type: 'keyword' },
    title: { type: 'text', index: false },
    documentTitle: { type: 'text', index: false },
    text: { type: 'text', index: false },
    citation: { type: 'keyword', index: false },
    issuers: { type: 'keyword' },
    issuerKeys: { type: 'keyword' },
    issued: { type: 'date', format: 'strict_date' },
    year: { type: 'keyword' },
    effective: { type: 'date', format: 'strict_date' },
    expiry: { type: 'date', format: 'strict_date' },
    status: { type: 'keyword' },
    sectors: { type: 'keyword' },
    scope: { type: 'keyword' },
    province: { type: 'keyword' },
    provinceKey: { type: 'keyword' },
    title_folded: { type: 'text', analyzer: 'standard' },
    text_folded: { type: 'text', analyzer: 'standard' },
    title_exact: { type: 'text', analyzer: 'standard' },
    number_folded: { type: 'text', analyzer: 'standard', index_prefixes: { min_chars: 1, max_chars: 10 } },
    title_prefix: { type: 'text', analyzer: 'standard', index_prefixes: { min_chars: 1, max_chars: 10 } },
    // A unit's or codified article's passage terms (domain/text/question.ts): syllables and pairs (`tham_quyen`),
    // split on spaces only so a pair stays one term; bm25 over them answers questions (docs/adr/0016).
    passage_terms: { type: 'text', analyzer: 'whitespace' },
    /** The number of passage terms: the average passage length for bm25's length normalisation. */
    passage_length: { type: 'integer' },
  },
} as const;

/** The passage terms of a unit or codified article (none for a document) and their number. */
function passageFields(e: SearchEntry): { passage_terms: string; passage_length?: number } {
  if (e.kind === 'document') return { passage_terms: '' };
  const terms = passageTerms(passageText(e.title, e.text));
  return { passage_terms: terms.join(' '), passage_length: terms.length };
}

/** The filter clauses of the search filters. */
function filterQueries(f: SearchFilters): unknown[] {
  const scopeKinds =
    f.scope === 'documents' ? ['document'] : f.scope === 'units' ? ['article', 'clause', 'point'] : f.scope === 'codification' ? ['codified'] : null;
  return [
    ...(f.type ? [{ term: { documentType: f.type } }] : []),
    ...(scopeKinds ? [{ terms: { kind: scopeKinds } }] : []),
    ...(f.issuer ? [{ term: { issuerKeys: nameKey(f.issuer) } }] : []),
    ...(f.status ? [{ term: { status: f.status } }] : []),
    ...(f.sector ? [{ term: { sectors: f.sector } }] : []),
    ...(f.province ? [{ term: { provinceKey: nameKey(f.province) } }] : []),
    ...(f.issuedFrom || f.issuedTo
      ? [{ range: { issued: { ...(f.issuedFrom ? { gte: f.issuedFrom } : {}), ...(f.issuedTo ? { lte: f.issuedTo } : {}) } } }]
      : []),
    ...(f.inForceAt
      ? [
          { range: { effective: { lte: f.inForceAt } } },
          {
            bool: {
              should: [{ bool: { must_not: { exists: { field: 'expiry' } } } }, { range: { expiry: { gt: f.inForceAt } } }],
              minimum_should_match: 1,
            },
          },
        ]
      : []),
    ...(f.effectiveFrom || f.effectiveTo
      ? [{ range: { effective: { ...(f.effectiveFrom ? { gte: f.effectiveFrom } : {}), ...(f.effectiveTo ? { lte: f.effectiveTo } : {}) } } }]
      : []),
    ...(f.expiryFrom || f.expiryTo
      ? [{ range: { expiry: { ...(f.expiryFrom ? { gte: f.expiryFrom } : {}), ...(f.expiryTo ? { lte: f.expiryTo } : {}) } } }]
      : []),
  ];
}

/** The date field each browse order reads (null: by id alone). */
const BROWSE_FIELDS: Record<BrowseSort, 'issued' | 'effective' | 'expiry' | null> = { id: null, date: 'issued', effective: 'effective', expiry: 'expiry' };
const BROWSE_SOURCE = ['workId', 'documentNumber', 'documentType', 'documentTitle', 'issued', 'effective', 'expiry', 'status'];

/** A browse's sort: its date field descending (`date`) or ascending, missing dates last, then the id (as SQLite's). */
function browseSort(sort: BrowseSort): unknown[] {
  const field = BROWSE_FIELDS[sort];
  return field ? [{ [field]: { order: sort === 'date' ? 'desc' : 'asc', missing: '_last' } }, { id: 'asc' }] : [{ id: 'asc' }];
}

/** The documents after a page's last one in that order (a post_filter: the total and the facets count every page). */
function browseAfter(sort: BrowseSort, after: BrowseAfter): unknown {
  const field = BROWSE_FIELDS[sort];
  const laterId = { range: { id: { gt: after.id } } };
  if (!field) return laterId;
  const missing = { bool: { must_not: { exists: { field } } } };
  if (after.key === null) return { bool: { filter: [missing, laterId] } };
  return {
    bool: {
      should: [
        { range: { [field]: { [sort === 'date' ? 'lt' : 'gt']: after.key } } },
        { bool: { filter: [{ term: { [field]: after.key } }, laterId] } },
        missing,
      ],
      minimum_should_match: 1,
    },
  };
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
    if (exists.body) {
      // An index made before the passage fields (docs/adr/0016): add them (a mapping may grow in place); its entries
      // get passage terms when reindexed (`csdl reindex`, or the indexer as documents change).
      await this.client.indices.putMapping({
        index: this.alias,
        body: { properties: Object.fromEntries(ADDED_FIELDS.map((f) => [f, MAPPINGS.properties[f]])) } as never,
      });
      return;
    }
    try {
      await this.client.indices.create({
        index: this.physical,
        body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, aliases: { [this.alias]: {} }, mappings: MAPPINGS as never },
      });
    } catch (e) {
      // Another process created it first.
      if (!String((e as { body?: unknown }).body ? JSON.stringify((e as { body: unknown }).body) : e).includes('resource_already_exists')) throw e;
    }
  }

  /** `bulk` changes nothing here: OpenSearch merges on its own. */
  async upsert(entries: SearchEntry[], _options: { bulk?: boolean } = {}): Promise<void> {
    if (entries.length === 0) return;
    const body: unknown[] = [];
    for (const e of entries) {
      // external_gte: an entry built from an older work version never overwrites a newer one; the same version twice
      // (a retried stream batch) is accepted.
      body.push({ index: { _index: this.alias, _id: e.id, version: e.version, version_type: 'external_gte' } });
      const { version: _v, ...src } = e;
      const title = e.title ?? '';
      // The words, split exactly as queryTerms() splits queries (and as FTS5's tokenizer does): `3.5` → `3 5`.
      body.push({
        ...src,
        issuerKeys: e.issuers.map(nameKey),
        provinceKey: e.province ? nameKey(e.province) : null,
        year: e.issued ? e.issued.slice(0, 4) : null,
        title_folded: foldedWords(title).join(' '),
        text_folded: foldedWords(e.text).join(' '),
        title_exact: exactWords(title).join(' '),
        number_folded: e.kind === 'document' ? foldedWords(e.documentNumber ?? '').join(' ') : '',
        title_prefix: e.kind === 'document' ? foldedWords(title).join(' ') : '',
        ...passageFields(e),
      });
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

  /** The bool query of a search: every word, every phrase, the filters; exact spellings and titles rank higher. */
  private query(query: SearchQuery): Record<string, unknown> | null {
    const parsed = parseQuery(query.q);
    if (parsed.terms.length === 0) return null;
    const words = parsed.terms.join(' ');
    return {
      bool: {
        must: [
          // cross_fields + and: every word must occur in the title or the text, as in FTS5's implicit AND.
          { multi_match: { query: words, fields: ['title_folded^4', 'text_folded'], type: 'cross_fields', operator: 'and' } },
          ...parsed.phrases.map((p) => ({
            bool: { should: [{ match_phrase: { title_folded: p.join(' ') } }, { match_phrase: { text_folded: p.join(' ') } }], minimum_should_match: 1 },
          })),
        ],
        // Rank like FTS5's column weights: all words in the title (a heading, a document's name) first, then the
        // words in the order typed, then the words spelled exactly as typed.
        should: [
          { match: { title_folded: { query: words, operator: 'and', boost: 4 } } },
          { match_phrase: { title_folded: { query: words, boost: 2 } } },
          { match_phrase: { text_folded: { query: words } } },
          ...(parsed.exact.length > 0 ? [{ match: { title_exact: { query: parsed.exact.join(' '), boost: 2 } } }] : []),
        ],
        filter: filterQueries(query),
      },
    };
  }

  private sort(query: SearchQuery): unknown[] {
    return query.sort === 'date' ? [{ issued: { order: 'desc', missing: '_last' } }, { _score: 'desc' }, { id: 'asc' }] : [{ _score: 'desc' }, { id: 'asc' }];
  }

  /** Facet aggregations: buckets ordered by the number of distinct documents in them; `sectors` adds the sector facet (browse). */
  private static aggs(sectors = false): Record<string, unknown> {
    const byDocs = (field: string) => ({
      terms: { field, size: FACET_SIZE, order: [{ docs: 'desc' }, { _key: 'asc' }] },
      aggs: { docs: { cardinality: { field: 'workId', precision_threshold: 40000 } } },
    });
    return {
      type: byDocs('documentType'),
      issuer: byDocs('issuers'),
      status: byDocs('status'),
      year: byDocs('year'),
      ...(sectors ? { sector: byDocs('sectors') } : {}),
    };
  }

  private static facets(aggs: Record<string, { buckets: { key: string; docs: { value: number } }[] }> | undefined): Facets | undefined {
    if (!aggs) return undefined;
    const read = (k: keyof Facets) => (aggs[k]?.buckets ?? []).map((b) => ({ value: String(b.key), count: b.docs.value }));
    return { type: read('type'), issuer: read('issuer'), status: read('status'), year: read('year'), ...(aggs.sector ? { sector: read('sector') } : {}) };
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const q = this.query(query);
    if (!q) return { total: 0, hits: [] };
    const res = await this.client.search({
      index: this.alias,
      body: {
        from: query.offset,
        size: query.limit,
        track_total_hits: true,
        _source: { includes: SOURCE_FIELDS },
        query: q,
        sort: this.sort(query),
        track_scores: true,
        ...(query.facets ? { aggs: OpenSearchIndex.aggs() } : {}),
      } as never,
    });
    const hits = res.body.hits;
    const total = typeof hits.total === 'number' ? hits.total : (hits.total?.value ?? 0);
    const facets = query.facets ? OpenSearchIndex.facets(res.body.aggregations as never) : undefined;
    return { total, hits: hits.hits.map(toHit), ...(facets ? { facets } : {}) };
  }

  async searchGrouped(query: SearchQuery, perGroup: number): Promise<GroupedResult> {
    const q = this.query(query);
    if (!q) return { total: 0, groups: [] };
    const res = await this.client.search({
      index: this.alias,
      body: {
        from: query.offset,
        size: query.limit,
        _source: { includes: SOURCE_FIELDS },
        query: q,
        sort: this.sort(query),
        track_scores: true,
        // One hit per document, its best entries inside; the number of documents from a cardinality count.
        collapse: {
          field: 'workId',
          inner_hits: { name: 'best', size: perGroup, _source: { includes: SOURCE_FIELDS }, sort: [{ _score: 'desc' }, { id: 'asc' }] },
        },
        aggs: { documents: { cardinality: { field: 'workId', precision_threshold: 40000 } }, ...(query.facets ? OpenSearchIndex.aggs() : {}) },
      } as never,
    });
    const aggs = res.body.aggregations as Record<string, unknown> & { documents: { value: number } };
    const groups = res.body.hits.hits.map((h) => {
      const inner = (h.inner_hits as { best: { hits: { hits: { _source?: unknown; _score?: number }[] } } } | undefined)?.best.hits.hits ?? [];
      return { workId: (h._source as Source).workId, score: Number(h._score ?? 0), hits: inner.map(toHit) };
    });
    const facets = query.facets ? OpenSearchIndex.facets(aggs as never) : undefined;
    return { total: aggs.documents.value, groups, ...(facets ? { facets } : {}) };
  }

  async browse(query: BrowseQuery): Promise<BrowseResult> {
    const res = await this.client.search({
      index: this.alias,
      body: {
        size: query.limit + 1,
        _source: { includes: BROWSE_SOURCE },
        query: { bool: { filter: [{ term: { kind: 'document' } }, ...filterQueries(query)] } },
        sort: browseSort(query.sort),
        // The page's start is a post_filter, so the total (one entry per document) and the facets count every page.
        ...(query.after ? { post_filter: browseAfter(query.sort, query.after) } : {}),
        track_total_hits: false,
        aggs: { documents: { value_count: { field: 'workId' } }, ...(query.facets ? OpenSearchIndex.aggs(true) : {}) },
      } as never,
    });
    const aggs = res.body.aggregations as Record<string, unknown> & { documents: { value: number } };
    const rows = res.body.hits.hits.map((h) => {
      const s = h._source as {
        workId: string;
        documentNumber: string | null;
        documentType: string;
        documentTitle: string | null;
        issued?: string | null;
        effective?: string | null;
        expiry?: string | null;
        status: string;
      };
      return {
        workId: s.workId,
        documentNumber: s.documentNumber,
        documentType: s.documentType,
        title: s.documentTitle,
        issued: s.issued ?? null,
        effective: s.effective ?? null,
        expiry: s.expiry ?? null,
        status: s.status,
      };
    });
    const hits = rows.slice(0, query.limit);
    const last = hits[hits.length - 1];
    const field = BROWSE_FIELDS[query.sort];
    const next = rows.length > query.limit && last ? { id: last.workId, key: field ? last[field] : null } : null;
    const facets = query.facets ? OpenSearchIndex.facets(aggs as never) : undefined;
    return { total: aggs.documents.value, hits, next, ...(facets ? { facets } : {}) };
  }

  async optimize(): Promise<void> {
    // Lucene merges segments in the background; a forced merge would only cost here.
  }

  async passages(query: PassageQuery): Promise<PassageCandidates> {
    const terms = [...new Set(query.terms)].filter((t) => /^[\p{L}\p{N}_]+$/u.test(t));
    if (terms.length === 0 || query.limit < 1) return { hits: [], stats: { rows: 0, avgdl: 1, df: new Map() } };
    const header = { index: this.alias };
    // One round trip: the candidates (Lucene's bm25 over the passage terms, any term), the passages and their average
    // length, and each term's passage count — what the domain's ranking needs (rankPassages).
    // On the alias's path: the functions' IAM grant covers the index prefix, not the domain-wide /_msearch.
    const res = await this.client.msearch({
      index: this.alias,
      body: [
        header,
        {
          size: Math.min(query.limit, 1000),
          _source: { includes: SOURCE_FIELDS },
          query: {
            bool: {
              should: terms.map((t) => ({ term: { passage_terms: t } })),
              minimum_should_match: 1,
              filter: [{ bool: { must_not: { term: { kind: 'document' } } } }, ...filterQueries(query)],
            },
          },
          sort: [{ _score: 'desc' }, { id: 'asc' }],
          track_scores: true,
        },
        header,
        { size: 0, track_total_hits: true, query: { exists: { field: 'passage_length' } }, aggs: { avgdl: { avg: { field: 'passage_length' } } } },
        ...terms.flatMap((t) => [header, { size: 0, track_total_hits: true, query: { term: { passage_terms: t } } }]),
      ] as never,
    });
    type Part = {
      error?: { type?: string; reason?: string };
      hits: { total: number | { value: number }; hits: { _source?: unknown; _score?: number | string | null }[] };
      aggregations?: { avgdl?: { value: number | null } };
    };
    const parts = (res.body as { responses: Part[] }).responses;
    const failed = parts.find((p) => p.error);
    if (failed) throw new DomainError('dependency_unavailable', `OpenSearch could not answer: ${failed.error?.type ?? ''}: ${failed.error?.reason ?? ''}`);
    const total = (p: Part | undefined) => (typeof p?.hits.total === 'number' ? p.hits.total : (p?.hits.total?.value ?? 0));
    const [found, all, ...perTerm] = parts;
    return {
      hits: (found?.hits.hits ?? []).map(toHit),
      stats: {
        rows: total(all),
        avgdl: all?.aggregations?.avgdl?.value ?? 1,
        df: new Map(terms.map((t, i) => [t, total(perTerm[i])])),
      },
    };
  }

  async suggest(prefix: string, limit: number): Promise<Suggestion[]> {
    const terms = queryTerms(prefix);
    if (terms.length === 0) return [];
    const open = /[\p{L}\p{N}]$/u.test(prefix);
    const last = terms[terms.length - 1] as string;
    const done = open ? terms.slice(0, -1) : terms;
    // Every finished word, and the unfinished one as a prefix, in the number or in the title.
    const clause = (field: string) => ({
      bool: {
        must: [...done.map((t) => ({ term: { [field]: t } })), ...(open ? [{ prefix: { [field]: last } }] : [])],
      },
    });
    const res = await this.client.search({
      index: this.alias,
      body: {
        size: limit,
        _source: { includes: ['workId', 'documentNumber', 'documentType', 'title', 'issued'] },
        query: {
          bool: {
            filter: [{ term: { kind: 'document' } }],
            should: [{ constant_score: { filter: clause('number_folded'), boost: 4 } }, { constant_score: { filter: clause('title_prefix'), boost: 1 } }],
            minimum_should_match: 1,
          },
        },
        sort: [{ _score: 'desc' }, { issued: { order: 'desc', missing: '_last' } }, { id: 'asc' }],
      } as never,
    });
    return res.body.hits.hits.map((h) => {
      const s = h._source as { workId: string; documentNumber: string | null; documentType: string; title: string | null; issued?: string | null };
      return { workId: s.workId, documentNumber: s.documentNumber, documentType: s.documentType, title: s.title, issued: s.issued ?? null };
    });
  }

  async documentEntries(workIds: string[], filters: SearchFilters): Promise<SearchHit[]> {
    if (workIds.length === 0) return [];
    const res = await this.client.search({
      index: this.alias,
      body: {
        size: workIds.length,
        _source: { includes: SOURCE_FIELDS },
        query: { bool: { filter: [{ term: { kind: 'document' } }, { terms: { workId: workIds } }, ...filterQueries(filters)] } },
      } as never,
    });
    const hits = res.body.hits.hits.map((h) => toHit({ ...h, _score: 0 }));
    return workIds.flatMap((id) => hits.filter((h) => h.workId === id));
  }
}
