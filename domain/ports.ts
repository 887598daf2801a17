/**
 * Ports: what the domain needs from the outside world. Adapters implement them (adapters/<name>/); every port
 * has one contract suite in test/contract/ that runs against each of its adapters.
 */
import type { Page, SourceFile, Work } from './model';
import type { StoredUnit } from './units';
import type { CodifiedArticle, CodifiedNode, Topic } from './codify/types';
import type { Effect } from './effects/types';
import type { Relation } from './relations/types';

export interface ListQuery {
  limit: number;
  cursor?: string;
  type?: string;
}

export interface WorkRepository {
  get(id: string): Promise<Work | null>;
  /** Works whose number has this reference key (refs.referenceKey). Local numbers may match several works. */
  findByReferenceKey(key: string): Promise<Work[]>;
  /** The id of the work a source file with this sha256 was ingested into, if any. */
  findIdBySourceHash(sha256: string): Promise<string | null>;
  /**
   * Writes the work atomically with claims on all its source hashes. `expectedVersion` 0 creates (fails if the id
   * exists); n > 0 replaces version n. The stored work gets version expectedVersion + 1. Throws ConflictError
   * when the version does not match or a source hash belongs to another work: nothing is written then.
   */
  save(work: Work, expectedVersion: number): Promise<Work>;
  /** Works ordered by id; the cursor is opaque to callers and rejected (validation error) when malformed. */
  list(query: ListQuery): Promise<Page<Work>>;
}

/**
 * The units parsed from one source file, stored flat (domain/units.ts) under a unit-set id: the sha256 of that
 * source. A work names the set it reads (`Work.unitSet`), so a write that loses a race leaves only an orphan set,
 * never a work showing another document's units.
 */
export interface UnitRepository {
  /** Replaces the set: afterwards exactly these units are stored under it. Idempotent. */
  replaceUnits(setId: string, units: StoredUnit[]): Promise<void>;
  /** All units of a set in document order; empty when none are stored. */
  listUnits(setId: string): Promise<StoredUnit[]>;
  getUnit(setId: string, eId: string): Promise<StoredUnit | null>;
}

export interface BlobStore {
  /** Idempotent: writing the same key with the same bytes twice is harmless. */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
}

/** What an entry stands for: a whole document, one of its units, or an article of the Bộ pháp điển. */
export type SearchEntryKind = 'document' | 'article' | 'clause' | 'point' | 'codified';

/**
 * One entry in the search index (docs/adr/0008). `id` is unique; document entries use the work id, unit entries
 * `workId#eId`, codified articles `phapdien#<code>`. Document metadata is copied onto every entry so that filters
 * and facets need no join.
 */
export interface SearchEntry {
  id: string;
  workId: string;
  kind: SearchEntryKind;
  eId: string | null;
  documentNumber: string | null;
  documentType: string;
  /** The document's title on a document entry; the unit's heading on a unit entry. */
  title: string | null;
  /** The document's title on every entry (a unit hit names the document it belongs to). */
  documentTitle: string | null;
  /** Normalised text (normalizeText). Adapters index fold(text) and its exact words, and keep text for snippets. */
  text: string;
  /** The path label of a unit (`Điều 5 khoản 2 điểm a`) or a codified article's code; null for a document. */
  citation: string | null;
  /** Issuing bodies as labels (`Quốc hội`, `Ủy ban nhân dân tỉnh Đồng Tháp`). */
  issuers: string[];
  issued: string | null;
  /** The validity interval [effective, expiry) of the document, as far as known (ISO dates). */
  effective: string | null;
  expiry: string | null;
  /** The stored status code (domain/status) at indexing time: a cache the daily sweep refreshes. */
  status: string;
  /** Sector (lĩnh vực) codes. */
  sectors: string[];
  scope: 'central' | 'province';
  /** The province of a local document (`Hà Nội`), null for central ones. */
  province: string | null;
  /** The work version this entry was built from: the index keeps the newest and ignores older writes. */
  version: number;
}

export type SearchScope = 'documents' | 'units' | 'codification';

export interface SearchFilters {
  type?: string;
  /** `documents`: document entries; `units`: articles, clauses, points; `codification`: codified articles; absent: all. */
  scope?: SearchScope;
  /** An issuer label; compared without case or diacritics. */
  issuer?: string;
  status?: string;
  sector?: string;
  /** A province name; compared without case or diacritics. */
  province?: string;
  /** Date of issue bounds, inclusive (ISO dates). */
  issuedFrom?: string;
  issuedTo?: string;
  /** In force on this date: effective ≤ D and (no expiry or expiry > D). */
  inForceAt?: string;
}

export interface SearchQuery extends SearchFilters {
  /** Raw user text; adapters never pass it into a query syntax. */
  q: string;
  limit: number;
  offset: number;
  /** `relevance` (default) or `date`: newest issued first, then relevance. */
  sort?: 'relevance' | 'date';
  /** Count matching documents by type, issuer, status and year. */
  facets?: boolean;
}

export interface SearchHit {
  id: string;
  workId: string;
  kind: SearchEntryKind;
  eId: string | null;
  documentNumber: string | null;
  documentType: string;
  title: string | null;
  documentTitle: string | null;
  citation: string | null;
  issued: string | null;
  status: string;
  score: number;
  /** The entry's normalised text, for the domain to cut a snippet from. */
  text: string;
}

export interface FacetBucket {
  value: string;
  /** Matching documents (not entries) with this value. */
  count: number;
}

export interface Facets {
  type: FacetBucket[];
  issuer: FacetBucket[];
  status: FacetBucket[];
  year: FacetBucket[];
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets?: Facets;
}

/** Hits grouped by document: each group is one document with its best entries, groups ranked by their best. */
export interface GroupedResult {
  /** Matching documents. */
  total: number;
  groups: { workId: string; score: number; hits: SearchHit[] }[];
  facets?: Facets;
}

export interface Suggestion {
  workId: string;
  documentNumber: string | null;
  documentType: string;
  title: string | null;
}

export interface SearchIndex {
  /** Creates indexes/tables if missing. Safe to call repeatedly. */
  ensureReady(): Promise<void>;
  upsert(entries: SearchEntry[]): Promise<void>;
  removeWork(workId: string): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Pages over documents (offset and limit count groups); at most `perGroup` entries per document. */
  searchGrouped(query: SearchQuery, perGroup: number): Promise<GroupedResult>;
  /** Documents whose number or title starts with what was typed (the last word may be unfinished). */
  suggest(prefix: string, limit: number): Promise<Suggestion[]>;
  /** After a bulk load: merge the index for faster queries (SQLite FTS5 `optimize`); a no-op where the engine merges itself. */
  optimize(): Promise<void>;
}

/** A đề mục as stored: its structure and the codes of its articles (the articles themselves are stored apart). */
export interface StoredHeading {
  id: string;
  topic: number;
  title: string;
  nodes: CodifiedNode[];
  articleCount: number;
  /** The export file it was imported from, and when. */
  file: string | null;
  importedAt: string;
}

export interface TopicSummary {
  number: number;
  title: string;
  headings: { id: string; title: string; articleCount: number }[];
}

/** The Bộ pháp điển as imported (domain/codify): topics, headings and codified articles. */
export interface CodificationRepository {
  putTopics(topics: Topic[]): Promise<void>;
  /** Replaces a heading and exactly its articles, atomically. Idempotent. */
  replaceHeading(heading: StoredHeading, articles: CodifiedArticle[]): Promise<void>;
  getHeading(id: string): Promise<StoredHeading | null>;
  /** A heading's articles in document order. */
  listArticles(headingId: string): Promise<CodifiedArticle[]>;
  /** Articles carrying a code (the export repeats a few codes). */
  getArticles(code: string): Promise<CodifiedArticle[]>;
  /** Topics (all listed ones, and any a heading names) with their headings and article counts. */
  listTopics(): Promise<TopicSummary[]>;
  /** Codified articles whose source is this document (and article, when given): the reverse lookup. */
  findBySource(documentId: string, articleNum?: string): Promise<CodifiedArticle[]>;
}

/** What one work says about others: relations (domain/relations) and amendment effects (domain/effects). */
export interface Links {
  relations: Relation[];
  effects: Effect[];
}

/**
 * Relations and effects, stored per source work and found by target. A work's extracted links are replaced whole
 * each time it is (re)read, so replays converge.
 */
export interface LinkRepository {
  /** Replaces everything extracted from this source work. Idempotent. */
  replaceExtracted(sourceWorkId: string, links: Links): Promise<void>;
  /** Links whose target is this work (what repeals, amends, cites it). */
  incoming(targetWorkId: string): Promise<Links>;
  /** Links this work makes. */
  outgoing(sourceWorkId: string): Promise<Links>;
}

export interface Clock {
  now(): Date;
}

export interface Ports {
  works: WorkRepository;
  units: UnitRepository;
  blobs: BlobStore;
  search: SearchIndex;
  codification: CodificationRepository;
  links: LinkRepository;
  clock: Clock;
}

export type { SourceFile };
