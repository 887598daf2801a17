import * as z from 'zod/mini';
import { ConsolidatedUnit } from './status';
import { Cursor, Diagnostic, Document, DocumentType, Limit, NotAsRecorded, Reason, Unit, isoDate } from './common';
import { Facets, Status } from './search';

export const CreateDocumentRequest = z.object({
  /** The original file name; only its last segment is kept. */
  fileName: z.string().check(z.minLength(1), z.maxLength(255)),
  /** The file's content: UTF-8 text, or base64 of the bytes when `encoding` is `base64`. */
  content: z.string().check(z.minLength(1)),
  encoding: z._default(z.enum(['utf8', 'base64']), 'utf8'),
  /** Refuse (422, nothing stored) a file that fails the format linter. */
  strict: z.optional(z.boolean()),
});

export const LintRequest = z.object({
  fileName: z.string().check(z.minLength(1), z.maxLength(255)),
  content: z.string().check(z.minLength(1)),
  encoding: z._default(z.enum(['utf8', 'base64']), 'utf8'),
  strict: z.optional(z.boolean()),
});

export const LintResponse = z.object({
  metadata: z.object({ number: z.nullable(z.string()), type: z.string(), title: z.nullable(z.string()), issued: z.nullable(z.string()) }),
  diagnostics: z.array(Diagnostic),
  errors: z.int(),
  warnings: z.int(),
});

export const CreateDocumentResponse = z.object({
  outcome: z.enum(['created', 'source_added', 'unchanged']),
  document: Document,
  diagnostics: z.array(Diagnostic),
});

export const DocumentIdParams = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
});

/** GET /v1/documents/{id}: `format=akn` answers Akoma Ntoso 3.0 XML, of the text as in force on `at` when given. */
export const DocumentQuery = z.object({
  format: z.optional(z.enum(['json', 'akn'])),
  at: z.optional(isoDate),
});

/** `n`: the original's place in the document's `sources`, from 1. */
export const SourceParams = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  n: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)),
});

/** `/eli/vn/{type}/{year}/{id}[/{date}]` (domain/eli.ts). */
export const EliParams = z.object({
  type: z.string().check(z.regex(/^[a-z][a-z_]{1,39}$/)),
  year: z.string().check(z.regex(/^\d{4}$/)),
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  date: z.optional(isoDate),
});

/** `/v1/bulk[/{name}]`: a file of the latest dump by its name. */
export const BulkParams = z.object({
  name: z.optional(z.string().check(z.regex(/^[a-z]+(-[0-9]+)+\.(jsonl\.gz|zip)$/), z.maxLength(120))),
});

export const BulkFileEntry = z.object({
  name: z.string(),
  kind: z.enum(['documents', 'akn', 'codification', 'changes']),
  bytes: z.int(),
  sha256: z.string(),
  records: z.int(),
  generatedAt: z.string(),
  since: z.optional(z.string()),
  url: z.string(),
});

export const BulkListResponse = z.object({
  formatVersion: z.nullable(z.int()),
  generatedAt: z.nullable(z.string()),
  validityAt: z.nullable(z.string()),
  documents: z.int(),
  files: z.array(BulkFileEntry),
});

/** A 303 answer: where the resource is (also in `Location`). */
export const Redirect = z.object({
  location: z.string(),
  /** An ELI's canonical form; an original's file name and sha256. */
  eli: z.optional(z.string()),
  fileName: z.optional(z.string()),
  sha256: z.optional(z.string()),
});

const browseName = z.string().check(z.minLength(1), z.maxLength(200));

/**
 * GET /v1/documents. Alone, `limit`, `cursor` and `type` page over the store by id (what was just written is listed);
 * `number` finds documents by their number. Any other parameter browses (issue 21): the documents passing the search
 * filters, read from the search index (the same filters and facet counts as GET /v1/search, without a query), in the
 * order `sort` asks; withdrawn documents are never listed.
 */
export const ListDocumentsQuery = z.object({
  limit: z.optional(Limit),
  cursor: z.optional(Cursor),
  type: z.optional(DocumentType),
  number: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /** An issuing body (`Quốc hội`, `Bộ Tài chính`), compared without case or diacritics. */
  issuer: z.optional(browseName),
  /** The stored status (refreshed daily). */
  status: z.optional(Status),
  /** A sector (lĩnh vực) code (GET /v1/sectors). */
  sector: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** A province (`Hà Nội`, `ha noi`) for local documents. */
  province: z.optional(browseName),
  /** Documents issued in this year (shorthand for issuedFrom/issuedTo). */
  year: z.optional(z.coerce.number().check(z.int(), z.minimum(1900), z.maximum(2200))),
  issuedFrom: z.optional(isoDate),
  issuedTo: z.optional(isoDate),
  /** Documents in force on this date (the status at that date: effective on or before it, not ended by it). */
  inForceAt: z.optional(isoDate),
  /** Documents whose validity begins within these dates (inclusive); each item then says when and why (`changes`). */
  effectiveFrom: z.optional(isoDate),
  effectiveTo: z.optional(isoDate),
  /** Documents whose validity ends within these dates (inclusive; the first day no longer in force); with `changes`. */
  expiryFrom: z.optional(isoDate),
  expiryTo: z.optional(isoDate),
  /** `id` (default), `date` (newest issued first), `effective` or `expiry` (soonest first); ties by id. */
  sort: z.optional(z.enum(['id', 'date', 'effective', 'expiry'])),
  /** `true`: count the documents passing the filters by type, issuer, status, year and sector. */
  facets: z.optional(
    z.pipe(
      z.enum(['true', 'false', '1', '0']),
      z.transform((v) => v === 'true' || v === '1'),
    ),
  ),
  ...NotAsRecorded,
});

/** A change of a document's validity within the dates asked, from the status engine (the same as /status). */
export const ValidityChange = z.object({
  /** `takes_effect`: its validity begins (effectiveFrom/effectiveTo); `ends`: it ends (expiryFrom/expiryTo). */
  kind: z.enum(['takes_effect', 'ends']),
  date: isoDate,
  /** The status from that date, and the day before. */
  status: Status,
  label: z.string(),
  before: Status,
  /** The ground: the effective date and the provision saying it, the repealing or replacing document, the term. */
  reasons: z.array(Reason),
});

export const ListedDocument = z.extend(Document, {
  /** With effectiveFrom/effectiveTo or expiryFrom/expiryTo: the changes of its validity within those dates. */
  changes: z.optional(z.array(ValidityChange)),
});

/** The search facets and, when browsing, the sector codes. */
export const BrowseFacets = z.extend(Facets, { sector: Facets.shape.type });

export const ListDocumentsResponse = z.object({
  items: z.array(ListedDocument),
  nextCursor: z.optional(z.string()),
  /** When browsing: the documents passing the filters, on every page. */
  total: z.optional(z.int()),
  /** When browsing with `facets=true`. */
  facets: z.optional(BrowseFacets),
});

export const UnitParams = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  eId: z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9_]+$/)),
});

export const UnitQuery = z.object({
  /** The unit as in force on this date (amendments applied), with its notes; absent: as promulgated. */
  at: z.optional(isoDate),
  ...NotAsRecorded,
});

export const UnitResponse = z.object({
  documentId: z.string(),
  documentNumber: z.nullable(z.string()),
  /** The units from the top of the document down to this one: what a citation walks through. */
  path: z.array(z.object({ eId: z.string(), kind: z.string(), num: z.string(), heading: z.nullable(z.string()) })),
  unit: Unit,
  /** With `at`: the date, the unit's text as in force then, and the notes of the effects that changed it. */
  at: z.optional(z.string()),
  consolidated: z.optional(z.nullable(ConsolidatedUnit)),
  /**
   * A unit the original text does not have (inserted by an amendment: `Điều 70a`, `khoản 4a`): `unit` and `path` come
   * from the consolidated text on `at` (today, Vietnam time, when no `at` is asked), and this says which effect of
   * which document brought it and from when (`to`: until when, null while it is still there).
   */
  inserted: z.optional(
    z.object({
      effectId: z.nullable(z.string()),
      operation: z.nullable(z.string()),
      sourceWorkId: z.nullable(z.string()),
      sourceNumber: z.nullable(z.string()),
      sourceEId: z.nullable(z.string()),
      from: z.nullable(z.string()),
      to: z.nullable(z.string()),
      note: z.nullable(z.string()),
    }),
  ),
  /** Articles of the Bộ pháp điển that carry this unit's article. */
  codified: z.array(z.object({ code: z.string(), headingId: z.string(), heading: z.string() })),
});
