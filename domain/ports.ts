/**
 * Ports: what the domain needs from the outside world. Adapters implement them (adapters/<name>/); every port
 * has one contract suite in test/contract/ that runs against each of its adapters.
 */
import type { Page, SourceFile, Work } from './model';
import type { StoredUnit } from './units';
import type { CodifiedArticle, CodifiedNode, Topic } from './codify/types';
import type { Effect } from './effects/types';
import type { FeedPage, HistoryEvent } from './history/types';
import type { Delivery, DeliveryState, Subscription } from './subscriptions/types';
import type { Relation } from './relations/types';
import type { Appraisal, CheckingFinding, Draft, DraftComment, DraftRequest, DraftVersion } from './drafting/types';

export interface ListQuery {
  limit: number;
  cursor?: string;
  type?: string;
}

export interface WorkRepository {
  get(id: string): Promise<Work | null>;
  /** Works whose number has this reference key (refs.referenceKey). Local numbers may match several works. */
  findByReferenceKey(key: string): Promise<Work[]>;
  /**
   * Works with this name key (refs.ts nameKeys: type, folded title, date of issue or its year): how a document
   * cited by name and date ("Luật Doanh nghiệp ngày 17 tháng 6 năm 2020") is found. Kept by `save`.
   */
  findByNameKey(key: string): Promise<Work[]>;
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
  /**
   * A short-lived URL a client may fetch the blob from directly (S3: a presigned GET that names the file and its media
   * type), for originals too large to pass through a function's response; absent where blobs are served inline.
   */
  downloadUrl?(key: string, options: { fileName: string; mediaType: string; seconds: number }): Promise<string>;
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
  /** Validity starting within these dates, inclusive (the entry's `effective`). */
  effectiveFrom?: string;
  effectiveTo?: string;
  /** Validity ending within these dates, inclusive (the entry's `expiry`: the first day no longer in force). */
  expiryFrom?: string;
  expiryTo?: string;
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

/**
 * A question's first stage (docs/adr/0016): units and codified articles — never whole documents — found by bm25 over
 * their passage terms (domain/text/question.ts: folded syllables and pairs of syllables, heading and text), any term
 * matching. The domain ranks the candidates (rankPassages) with the statistics the engine gives, the same on every
 * engine.
 */
export interface PassageQuery extends Omit<SearchFilters, 'scope'> {
  /** The question's terms: syllables and pairs (`tham_quyen`), distinct. */
  terms: string[];
  /** How many candidates, best first by the engine's own bm25. */
  limit: number;
}

export interface PassageCandidates {
  /** Candidates with their whole text (title = heading), best first by the engine. */
  hits: SearchHit[];
  /** The index's passages, their average length in terms, and the passage count of each of the query's terms. */
  stats: { rows: number; avgdl: number; df: Map<string, number> };
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
  /** The entry's normalised text, for the domain to cut a snippet from (adapters may cut it after SNIPPET_TEXT_CHARS characters). */
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
  /** Sector codes: counted when browsing (SearchIndex.browse); a search does not ask for them. */
  sector?: FacetBucket[];
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

/** Browse order: `id` (ascending), `date` (newest issued first), `effective` or `expiry` (soonest first); then by id. */
export type BrowseSort = 'id' | 'date' | 'effective' | 'expiry';

/** Where a browse page starts: after the document with this id and this value of the sort's date (null: none). */
export interface BrowseAfter {
  id: string;
  key: string | null;
}

/** Documents without a query (issue 21): their document entries passing the filters, in a stable order, paged by keys. */
export interface BrowseQuery extends Omit<SearchFilters, 'scope'> {
  limit: number;
  sort: BrowseSort;
  after?: BrowseAfter;
  /** Count the documents passing the filters by type, issuer, status, year and sector (as search counts its facets). */
  facets?: boolean;
}

export interface BrowseHit {
  workId: string;
  documentNumber: string | null;
  documentType: string;
  title: string | null;
  issued: string | null;
  effective: string | null;
  expiry: string | null;
  status: string;
}

export interface BrowseResult {
  /** Documents passing the filters, on every page. */
  total: number;
  hits: BrowseHit[];
  /** Where the next page starts; null on the last. */
  next: BrowseAfter | null;
  facets?: Facets;
}

export interface Suggestion {
  workId: string;
  documentNumber: string | null;
  documentType: string;
  title: string | null;
  /** Date of issue (ISO): "luật doanh nghiệp 2020" names the one of 2020. */
  issued: string | null;
}

export interface SearchIndex {
  /** Creates indexes/tables if missing. Safe to call repeatedly. */
  ensureReady(): Promise<void>;
  /**
   * `bulk`: part of a bulk load that ends with optimize(); the engine may put off work until then (answers stay
   * right meanwhile, perhaps slower).
   */
  upsert(entries: SearchEntry[], options?: { bulk?: boolean }): Promise<void>;
  removeWork(workId: string): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Pages over documents (offset and limit count groups); at most `perGroup` entries per document. */
  searchGrouped(query: SearchQuery, perGroup: number): Promise<GroupedResult>;
  /**
   * Documents without a query: the document entries passing the filters, in the order asked, `limit` at a time after
   * `after`; the total and the facets (with sectors) over all of them, counted by the same code as search's facets.
   */
  browse(query: BrowseQuery): Promise<BrowseResult>;
  /** Documents whose number or title starts with what was typed (the last word may be unfinished). */
  suggest(prefix: string, limit: number): Promise<Suggestion[]>;
  /** The document entries of these works that pass the filters (a known item's hit: domain/services/known-items). */
  documentEntries(workIds: string[], filters: SearchFilters): Promise<SearchHit[]>;
  /** A question's candidates: unit and codified entries by bm25 over passage terms (PassageQuery), with the statistics. */
  passages(query: PassageQuery): Promise<PassageCandidates>;
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

/**
 * The history (domain/history): append-only events per document, and the change feed of all of them in the order
 * recorded. Appending an event whose id is stored already does nothing, so replays converge.
 */
export interface HistoryRepository {
  append(events: HistoryEvent[]): Promise<void>;
  /** A document's events, oldest first. */
  forWork(workId: string): Promise<HistoryEvent[]>;
  /** Events recorded after the `since` cursor (null: from the beginning), oldest first, at most `limit`. */
  feed(since: string | null, limit: number): Promise<FeedPage>;
  /**
   * The same events the other way, newest first (the Atom feed): at most `limit` of those recorded before the `before`
   * cursor (null: the newest). `older` continues with the next older events, never repeating nor skipping one; null
   * when there are none. Its cursors are not the feed's: each refuses the other's.
   */
  recent(before: string | null, limit: number): Promise<RecentPage>;
}

/** A page of the history newest first, and where the next older page starts (null: this is the last). */
export interface RecentPage {
  items: HistoryEvent[];
  older: string | null;
}

/** A page of a subscription's deliveries, newest first, and where the next older page starts (null: the last). */
export interface DeliveryPage {
  items: Delivery[];
  older: string | null;
}

/**
 * Subscriptions and their deliveries (domain/subscriptions, docs/adr/0022). Nothing is deleted: a cancelled
 * subscription keeps its record. Updates are optimistic: they carry the revision read and fail with ConflictError
 * when another write came first, so concurrent writers never drop a change.
 */
export interface SubscriptionRepository {
  /** Stores a new subscription (revision 1); ConflictError when its id is taken. */
  create(subscription: Subscription): Promise<void>;
  get(id: string): Promise<Subscription | null>;
  /** An owner's subscriptions, cancelled ones included, oldest first. */
  byOwner(owner: string): Promise<Subscription[]>;
  /** Every subscription not cancelled (what the dispatcher matches events against). */
  active(): Promise<Subscription[]>;
  /** Writes `subscription` over the stored one if its revision is still `subscription.revision`; returns it with the next revision. */
  update(subscription: Subscription): Promise<Subscription>;
  /** Stores deliveries whose id is new (revision 1) and ignores the others; answers how many were new. */
  enqueue(deliveries: Delivery[]): Promise<number>;
  delivery(subscriptionId: string, deliveryId: string): Promise<Delivery | null>;
  /** A subscription's deliveries, newest recorded first, `limit` at a time before the `before` cursor (null: the newest). */
  deliveries(subscriptionId: string, before: string | null, limit: number): Promise<DeliveryPage>;
  /** A subscription's deliveries in this state as stored now (read consistently), at most `limit`, in no set order. */
  inState(subscriptionId: string, state: DeliveryState, limit: number): Promise<Delivery[]>;
  /** Pending deliveries whose next attempt is due at `now` (ISO), soonest first (then in the order recorded), at most `limit`. */
  due(now: string, limit: number): Promise<Delivery[]>;
  /** As `update`, for a delivery. */
  updateDelivery(delivery: Delivery): Promise<Delivery>;
  /** Where the dispatcher stands in the history feed (null: it has not started). */
  cursor(): Promise<string | null>;
  /** Moves the dispatcher's cursor; `expected` is the cursor it read, so that two dispatchers never both move it. */
  setCursor(cursor: string, expected: string | null): Promise<void>;
}

/** The answer of a webhook receiver to one POST: `ok` for a 2xx; else its status or the network error. */
export interface WebhookResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** Sends webhooks (adapters/webhook): HTTPS POSTs to public addresses only, unless the runtime allows loopback. */
export interface WebhookSender {
  /** Why this URL may not receive webhooks (scheme, address), or null when it may. */
  refuse(url: string): Promise<string | null>;
  post(url: string, body: string, headers: Record<string, string>): Promise<WebhookResult>;
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
  history: HistoryRepository;
  clock: Clock;
  /** Drafts, their versions, comments and appraisals (domain/drafting); optional so older wirings still compile. */
  drafts?: DraftRepository;
  /** Subscriptions and their deliveries (domain/subscriptions); optional as drafts are. */
  subscriptions?: SubscriptionRepository;
  /** Sends webhooks (adapters/webhook); with `subscriptions`. */
  webhooks?: WebhookSender;
}

/**
 * Drafts (domain/drafting, docs/adr/0014): the draft record under optimistic locking, and its versions, comments,
 * appraisals, and the checking findings of promulgated works, each stored as its own item so that concurrent
 * comments never overwrite each other.
 */
export interface DraftRepository {
  /** Stores a new draft with revision 1; ConflictError when the id is taken. */
  createDraft(draft: Draft): Promise<Draft>;
  getDraft(id: string): Promise<Draft | null>;
  /** Replaces revision `expectedRevision` (the stored draft gets expectedRevision + 1); ConflictError otherwise. */
  saveDraft(draft: Draft, expectedRevision: number): Promise<Draft>;
  /** ConflictError when this draft already has a version with this number. */
  putVersion(version: DraftVersion): Promise<void>;
  getVersion(draftId: string, n: number): Promise<DraftVersion | null>;
  /** Oldest first. */
  listVersions(draftId: string): Promise<DraftVersion[]>;
  /** ConflictError when the id is taken. */
  addComment(comment: DraftComment): Promise<void>;
  getComment(draftId: string, commentId: string): Promise<DraftComment | null>;
  /** Replaces revision `expectedRevision` of the comment (the stored one gets expectedRevision + 1); ConflictError otherwise. */
  saveComment(comment: DraftComment, expectedRevision: number): Promise<DraftComment>;
  /** Oldest first (createdAt, then id). */
  listComments(draftId: string): Promise<DraftComment[]>;
  /**
   * Records an idempotent request once per (draftId, key): a conditional put keyed by the key. Returns the record
   * stored first: this one when it won, the earlier one otherwise (whatever its fingerprint). Never a ConflictError.
   */
  recordRequest(request: DraftRequest): Promise<DraftRequest>;
  addAppraisal(appraisal: Appraisal): Promise<void>;
  /** Oldest first. */
  listAppraisals(draftId: string): Promise<Appraisal[]>;
  addFinding(finding: CheckingFinding): Promise<void>;
  /** A promulgated work's checking findings, oldest first. */
  listFindings(workId: string): Promise<CheckingFinding[]>;
}

export type { SourceFile };

/**
 * The serverless import of a Bộ pháp điển export (docs/adr/0010): one job per uploaded export, split into one
 * message per đề mục file; workers record each file once and the last one writes the final report.
 */
export type ImportJobStatus = 'pending' | 'running' | 'complete';

/** Sums over the files imported so far (the CLI's summary line, file by file). */
export interface ImportTotals {
  headings: number;
  articles: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** Headings that were already up to date: nothing written. */
  unwritten: number;
  diagnostics: number;
}

/** What one file of an import came to: imported (with its heading's counts) or failed (with the reason). */
export interface ImportFileRecord {
  /** The file's path inside the import (`demuc/<uuid>.html.gz`). */
  file: string;
  ok: boolean;
  /** Why the file could not be imported (truncated gzip, not UTF-8, no đề mục in it); null when ok. */
  reason: string | null;
  headingId: string | null;
  title: string | null;
  articles: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  written: boolean;
  diagnostics: { code: string; message: string }[];
  at: string;
}

export interface ImportReport {
  totals: ImportTotals;
  topics: number;
  files: number;
  failures: { file: string; reason: string }[];
  /** Parser diagnostics by file (at most 200 listed; `totals.diagnostics` counts them all). */
  diagnostics: { file: string; headingId: string | null; code: string; message: string }[];
}

export interface ImportJob {
  id: string;
  kind: 'phapdien';
  /** Where the export was uploaded: `imports/phapdien/<id>/` in the originals store. */
  prefix: string;
  status: ImportJobStatus;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** Đề mục files found by the splitter; null until it ran. */
  total: number | null;
  done: number;
  failed: number;
  topics: number;
  totals: ImportTotals;
  /** Written once, by the worker that recorded the last file. */
  report: ImportReport | null;
}

export interface ImportJobRepository {
  /** Records a new job; ConflictError when the id is taken. */
  create(job: ImportJob): Promise<void>;
  get(id: string): Promise<ImportJob | null>;
  /** pending → running with the number of files to expect. Idempotent: a job already started is returned as is. */
  start(id: string, total: number, topics: number, at: string): Promise<ImportJob>;
  /** Whether this file of the job has been recorded (a redelivered message finds it). */
  hasFile(id: string, file: string): Promise<boolean>;
  /**
   * Records one file and, atomically with it, adds it to the job's counters. False (and nothing changes) when the
   * file was recorded before: a message delivered twice counts once.
   */
  recordFile(id: string, record: ImportFileRecord): Promise<boolean>;
  listFiles(id: string): Promise<ImportFileRecord[]>;
  /** running → complete with the report, only when every file is recorded. True for the one caller that did it. */
  complete(id: string, report: ImportReport, at: string): Promise<boolean>;
}

/** The uploaded files of an import, read where they were uploaded (the originals bucket, or a folder locally). */
export interface ImportFiles {
  /** Every key under the prefix, in key order. */
  list(prefix: string): Promise<string[]>;
  get(key: string): Promise<Uint8Array | null>;
}

/** Work for the import functions: split a job into files, or import one file. */
export type ImportMessage = { kind: 'split'; importId: string } | { kind: 'file'; importId: string; key: string };

export interface ImportQueue {
  /** Sends the messages (in batches where the queue has them); throws when any could not be sent. */
  send(messages: ImportMessage[]): Promise<void>;
}

/** What the import functions need besides Ports. */
export interface ImportPorts {
  jobs: ImportJobRepository;
  files: ImportFiles;
  queue: ImportQueue;
}
