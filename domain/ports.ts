/**
 * Ports: what the domain needs from the outside world. Adapters implement them (adapters/<name>/); every port
 * has one contract suite in test/contract/ that runs against each of its adapters.
 */
import type { Page, SourceFile, Work } from './model';
import type { StoredUnit } from './units';

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

/** One entry in the search index. `id` is unique; document entries use the work id, unit entries `workId#eId`. */
export interface SearchEntry {
  id: string;
  workId: string;
  kind: 'document' | 'article' | 'clause' | 'point';
  eId: string | null;
  documentNumber: string | null;
  documentType: string;
  title: string | null;
  /** Normalised text (normalizeText). Adapters index fold(text) and keep text for snippets. */
  text: string;
  issued: string | null;
  /** The work version this entry was built from: the index keeps the newest and ignores older writes. */
  version: number;
}

export interface SearchQuery {
  /** Raw user text; adapters never pass it into a query syntax. */
  q: string;
  limit: number;
  offset: number;
  type?: string;
  /** `documents`: document entries only; `units`: article, clause and point entries only; absent: both. */
  scope?: 'documents' | 'units';
  /** Date of issue bounds, inclusive (ISO dates). */
  issuedFrom?: string;
  issuedTo?: string;
}

export interface SearchHit {
  id: string;
  workId: string;
  kind: SearchEntry['kind'];
  eId: string | null;
  documentNumber: string | null;
  documentType: string;
  title: string | null;
  score: number;
  /** The entry's normalised text, for the domain to cut a snippet from. */
  text: string;
}

export interface SearchIndex {
  /** Creates indexes/tables if missing. Safe to call repeatedly. */
  ensureReady(): Promise<void>;
  upsert(entries: SearchEntry[]): Promise<void>;
  removeWork(workId: string): Promise<void>;
  search(query: SearchQuery): Promise<{ total: number; hits: SearchHit[] }>;
}

export interface Clock {
  now(): Date;
}

export interface Ports {
  works: WorkRepository;
  units: UnitRepository;
  blobs: BlobStore;
  search: SearchIndex;
  clock: Clock;
}

export type { SourceFile };
