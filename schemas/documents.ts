import * as z from 'zod/mini';
import { Cursor, Diagnostic, Document, DocumentType, Limit } from './common';

export const CreateDocumentRequest = z.object({
  /** The original file name; only its last segment is kept. */
  fileName: z.string().check(z.minLength(1), z.maxLength(255)),
  /** The file's content: UTF-8 text, or base64 of the bytes when `encoding` is `base64`. */
  content: z.string().check(z.minLength(1)),
  encoding: z._default(z.enum(['utf8', 'base64']), 'utf8'),
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
