/**
 * zod schemas for every request and response. Handlers validate requests with them; the OpenAPI document is
 * generated from them (schemas/openapi.ts); response schemas are checked in tests. zod/mini keeps Lambda bundles small.
 */
import * as z from 'zod/mini';
import { isCalendarDate } from '../domain/dates';
import { DOCUMENT_TYPES, type DocumentType as DocumentTypeCode } from '../domain/document-types';

/** A calendar date, YYYY-MM-DD, that exists (`2023-02-30` is refused with the request, before any handler runs). */
export const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/), z.refine(isCalendarDate, { message: 'not a calendar date (YYYY-MM-DD)' }));

/**
 * `asRecordedAt` on a read that cannot answer as the database stood at an earlier moment (the history keeps each
 * document's facts and relations, not the effects of its text, the search index or the lists): refused with 400,
 * never silently ignored. `/status` and `/relations` honour it.
 */
export const NotAsRecorded = {
  asRecordedAt: z.optional(
    z.never({
      error:
        'asRecordedAt is not supported on this read: the history keeps documents and their relations, not texts, effects or the search index; ask /v1/documents/{id}/status or /relations with asRecordedAt',
    }),
  ),
};

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  requestId: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  diagnostics: z.optional(z.array(z.object({ code: z.string(), severity: z.string(), message: z.string(), line: z.optional(z.int()) }))),
  candidates: z.optional(z.array(z.object({ id: z.string(), number: z.nullable(z.string()), place: z.nullable(z.string()), issued: z.nullable(z.string()) }))),
});

export const Diagnostic = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  line: z.optional(z.int()),
});

export const SourceFile = z.object({
  sha256: z.string(),
  fileName: z.string(),
  format: z.enum(['text', 'markdown', 'html', 'docx']),
  bytes: z.int(),
  blobKey: z.string(),
  receivedAt: z.string(),
  /** Where the original is served as received: `/v1/documents/{id}/sources/{n}`. */
  url: z.optional(z.string()),
});

export const DocumentType = z.enum(DOCUMENT_TYPES as [DocumentTypeCode, ...DocumentTypeCode[]]);

export const Reference = z.object({
  type: z.nullable(z.string()),
  number: z.nullable(z.string()),
  date: z.nullable(isoDate),
  /** The year, when the reference gives only that ("Bộ luật Hình sự năm 2015"). */
  year: z.optional(z.nullable(z.string())),
  issuer: z.nullable(z.string()),
  text: z.string(),
});

export const Document = z.object({
  id: z.string(),
  number: z.nullable(z.string()),
  type: DocumentType,
  typeLabel: z.string(),
  title: z.nullable(z.string()),
  issuers: z.array(z.string()),
  place: z.nullable(z.string()),
  issued: z.nullable(isoDate),
  effective: z.nullable(isoDate),
  /** Dates on which provisions of the document take effect on their own (other than `effective`). */
  provisionDates: z.optional(z.array(isoDate)),
  legalBases: z.array(Reference),
  consolidates: z.array(z.extend(Reference, { effective: z.nullable(isoDate) })),
  signer: z.nullable(z.object({ name: z.string(), capacity: z.string() })),
  scope: z.enum(['central', 'province']),
  sources: z.array(SourceFile),
  unitSet: z.nullable(z.string()),
  unitCount: z.int(),
  warnings: z.array(Diagnostic),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.int(),
  /** The canonical ELI-style name of the document (`/eli/vn/luat/2020/59-2020-QH14`); null when no year is known. */
  eli: z.optional(z.nullable(z.string())),
  /** Who made the latest write and why. */
  lastChange: z.optional(z.object({ actor: z.string(), action: z.enum(['ingest', 'source_added', 'review']), reason: z.nullable(z.string()) })),
  /** Promulgated from this draft and version (domain/drafting). */
  promotedFrom: z.optional(z.object({ draftId: z.string(), version: z.int() })),
});

export const Limit = z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20);
export const Cursor = z.string().check(z.minLength(1), z.maxLength(2048));

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  store: z.string(),
  time: z.string(),
});

export const UnitNote = z.object({ marker: z.string(), text: z.string() });

/** A unit of a document's text, with its children (recursive). */
export const Unit = z.object({
  kind: z.enum(['part', 'chapter', 'section', 'subsection', 'article', 'clause', 'point', 'attachment', 'appendix']),
  num: z.string(),
  eId: z.string(),
  heading: z.nullable(z.string()),
  text: z.string(),
  citation: z.string(),
  notes: z.array(UnitNote),
  get children() {
    return z.array(Unit);
  },
});
z.globalRegistry.add(Unit, { id: 'Unit' });

/** An appraisal opinion (thẩm định) on a version of a draft (domain/drafting). */
export const Appraisal = z.object({
  id: z.string(),
  draftId: z.string(),
  version: z.int(),
  eIds: z.array(z.string()),
  body: z.string(),
  opinion: z.string(),
  outcome: z.enum(['approved', 'approved_with_changes', 'not_approved']),
  by: z.string(),
  at: z.string(),
});

export const DocumentWithUnits = z.extend(Document, {
  units: z.array(Unit),
  /** The Bộ pháp điển articles whose source is an article of this document (`article`: its number here). */
  codified: z.optional(z.array(z.object({ article: z.nullable(z.string()), code: z.string(), headingId: z.string(), title: z.string() }))),
  /** Promulgated from a draft: which draft and version, and the appraisal opinions (thẩm định) recorded on it. */
  drafting: z.optional(
    z.object({
      draftId: z.string(),
      version: z.int(),
      appraisals: z.array(Appraisal),
    }),
  ),
});

/** A status reason: which document, which unit, from which date (domain/status). */
export const Reason = z.object({
  code: z.string(),
  message: z.string(),
  workId: z.optional(z.nullable(z.string())),
  number: z.optional(z.nullable(z.string())),
  eId: z.optional(z.string()),
  citation: z.optional(z.string()),
  sourceEId: z.optional(z.string()),
  sourceCitation: z.optional(z.string()),
  date: z.nullable(z.string()),
  /** An amendment known from an official list whose text is not in the database: the document that lists it. */
  pending: z.optional(z.object({ via: z.string() })),
});

/** An amendment a consolidated text (VBHN) in the database lists, whose own text the database does not hold. */
export const PendingAmendment = z.object({
  number: z.string(),
  effective: z.nullable(z.string()),
  via: z.object({ workId: z.string(), number: z.nullable(z.string()) }),
  /** Known from a relation a reviewer entered, whose source is not in the database. */
  relation: z.optional(z.boolean()),
  eId: z.optional(z.string()),
});
