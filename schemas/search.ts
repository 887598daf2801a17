import * as z from 'zod/mini';
import { Cursor, DocumentType, isoDate, Limit } from './common';

export const SearchQuery = z.object({
  q: z.string().check(z.minLength(1), z.maxLength(1000)),
  limit: z.optional(Limit),
  cursor: z.optional(Cursor),
  type: z.optional(DocumentType),
  /** `documents`: whole documents only; `units`: articles, clauses and points only; absent: both. */
  scope: z.optional(z.enum(['documents', 'units'])),
  /** Documents issued in this year (shorthand for issuedFrom/issuedTo). */
  year: z.optional(z.coerce.number().check(z.int(), z.minimum(1900), z.maximum(2200))),
  issuedFrom: z.optional(isoDate),
  issuedTo: z.optional(isoDate),
});

export const SearchHit = z.object({
  documentId: z.string(),
  documentNumber: z.nullable(z.string()),
  documentType: z.string(),
  title: z.nullable(z.string()),
  kind: z.enum(['document', 'article', 'clause', 'point']),
  eId: z.nullable(z.string()),
  articleNum: z.nullable(z.string()),
  /** `Điều 5, khoản 2` for a unit hit; null for a document hit. */
  citation: z.nullable(z.string()),
  snippet: z.string(),
  highlights: z.array(z.tuple([z.int(), z.int()])),
  score: z.number(),
});

export const SearchResponse = z.object({
  total: z.int(),
  hits: z.array(SearchHit),
  nextCursor: z.optional(z.string()),
});
