import * as z from 'zod/mini';
import { ConsolidatedUnit } from './status';
import { Cursor, Diagnostic, Document, DocumentType, Limit, NotAsRecorded, Unit, isoDate } from './common';

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

export const ListDocumentsQuery = z.object({
  limit: z.optional(Limit),
  cursor: z.optional(Cursor),
  type: z.optional(DocumentType),
  number: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

export const ListDocumentsResponse = z.object({
  items: z.array(Document),
  nextCursor: z.optional(z.string()),
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
