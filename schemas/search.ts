import * as z from 'zod/mini';
import { Cursor, DocumentType, isoDate, Limit, NotAsRecorded, Reason } from './common';

export const STATUSES = ['not_yet_in_force', 'in_force', 'partially_expired', 'expired', 'suspended', 'unknown'] as const;
export const Status = z.enum(STATUSES);

const name = z.string().check(z.minLength(1), z.maxLength(200));
const flag = z.pipe(
  z.enum(['true', 'false', '1', '0']),
  z.transform((v) => v === 'true' || v === '1'),
);

export const SearchQuery = z.object({
  q: z.string().check(z.minLength(1), z.maxLength(1000)),
  limit: z.optional(Limit),
  cursor: z.optional(Cursor),
  type: z.optional(DocumentType),
  /** `documents`: whole documents; `units`: articles, clauses and points; `codification`: Bộ pháp điển articles; absent: all. */
  scope: z.optional(z.enum(['documents', 'units', 'codification'])),
  /** An issuing body (`Quốc hội`, `Bộ Tài chính`), compared without case or diacritics. */
  issuer: z.optional(name),
  /** The stored status (refreshed daily). */
  status: z.optional(Status),
  /** A sector (lĩnh vực) code. */
  sector: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** A province (`Hà Nội`, `ha noi`) for local documents. */
  province: z.optional(name),
  /** Documents issued in this year (shorthand for issuedFrom/issuedTo). */
  year: z.optional(z.coerce.number().check(z.int(), z.minimum(1900), z.maximum(2200))),
  issuedFrom: z.optional(isoDate),
  issuedTo: z.optional(isoDate),
  /** Documents in force on this date (effective on or before it, not expired by it). */
  inForceAt: z.optional(isoDate),
  /** `relevance` (default) or `date` (newest first). */
  sort: z.optional(z.enum(['relevance', 'date'])),
  /** `true`: count the matching documents by type, issuer, status and year. */
  facets: z.optional(flag),
  /** `document`: one result per document with its best units (pages count documents). */
  group: z.optional(z.enum(['document'])),
  ...NotAsRecorded,
});

export const SearchHit = z.object({
  documentId: z.string(),
  documentNumber: z.nullable(z.string()),
  documentType: z.string(),
  documentTitle: z.nullable(z.string()),
  /** The document's title on a document hit, the unit's heading on a unit hit. */
  title: z.nullable(z.string()),
  kind: z.enum(['document', 'article', 'clause', 'point', 'codified']),
  eId: z.nullable(z.string()),
  articleNum: z.nullable(z.string()),
  /** `Điều 5, khoản 2` for a unit hit; the code for a codified article; null for a document hit. */
  citation: z.nullable(z.string()),
  issued: z.nullable(z.string()),
  status: z.string(),
  snippet: z.string(),
  highlights: z.array(z.tuple([z.int(), z.int()])),
  score: z.number(),
});

const Bucket = z.object({ value: z.string(), count: z.int() });
export const Facets = z.object({ type: z.array(Bucket), issuer: z.array(Bucket), status: z.array(Bucket), year: z.array(Bucket) });

export const SearchGroup = z.object({
  documentId: z.string(),
  documentNumber: z.nullable(z.string()),
  documentType: z.string(),
  documentTitle: z.nullable(z.string()),
  score: z.number(),
  hits: z.array(SearchHit),
});

export const SearchResponse = z.object({
  /** Matching entries; with `group=document`, matching documents. */
  total: z.int(),
  /** Present unless `group=document`. */
  hits: z.optional(z.array(SearchHit)),
  /** Present with `group=document`. */
  groups: z.optional(z.array(SearchGroup)),
  facets: z.optional(Facets),
  nextCursor: z.optional(z.string()),
});

export const SuggestQuery = z.object({
  q: z.string().check(z.minLength(1), z.maxLength(200)),
  limit: z.optional(z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(20)), 8)),
});

export const SuggestResponse = z.object({
  suggestions: z.array(
    z.object({
      documentId: z.string(),
      documentNumber: z.nullable(z.string()),
      documentType: z.string(),
      title: z.nullable(z.string()),
    }),
  ),
});

/** GET /v1/answer: a question in Vietnamese (with or without diacritics), answered as the law stood on `at`. */
export const AnswerQuery = z.object({
  q: z.string().check(z.minLength(1), z.maxLength(1000)),
  /** The date the answer speaks of (default: today in Vietnam). */
  at: z.optional(isoDate),
  /** Answers at most (1–10, default 5). */
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10))),
  ...NotAsRecorded,
});

export const AnswerItem = z.object({
  kind: z.enum(['document', 'article', 'clause', 'point', 'codified']),
  documentId: z.string(),
  documentNumber: z.nullable(z.string()),
  documentTitle: z.nullable(z.string()),
  eId: z.nullable(z.string()),
  citation: z.nullable(z.string()),
  heading: z.nullable(z.string()),
  /** The unit's text as in force on `at`. */
  text: z.string(),
  status: z.object({ code: Status, label: z.string(), reasons: z.array(Reason) }),
  permalink: z.string(),
  /** The Bộ pháp điển articles that carry the unit. */
  codified: z.array(z.object({ code: z.string(), headingId: z.string(), title: z.string() })),
  /** 0–1: the share of the question's terms the unit holds. */
  confidence: z.number(),
  score: z.number(),
});

export const AnswerResponse = z.object({
  q: z.string(),
  at: z.string(),
  answers: z.array(AnswerItem),
  /** Provisions that match but are not in force on `at`: never answers, listed with their status. */
  notInForce: z.array(AnswerItem),
  /** Why there is no answer ("no provision found"), or null. */
  abstained: z.nullable(z.string()),
});
