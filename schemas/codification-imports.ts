/** The serverless import of the Bộ pháp điển export (docs/adr/0010): start a job, read its progress and report. */
import * as z from 'zod/mini';

const importId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{2,62}$/));

export const CreateImportRequest = z.object({
  /** The export was uploaded under `imports/phapdien/<importId>/` (tree.json and demuc/*.html or *.html.gz). */
  importId,
});

export const ImportParams = z.object({ id: importId });

const Totals = z.object({
  headings: z.int(),
  articles: z.int(),
  added: z.int(),
  removed: z.int(),
  changed: z.int(),
  unchanged: z.int(),
  unwritten: z.int(),
  diagnostics: z.int(),
});

export const ImportResponse = z.object({
  id: z.string(),
  kind: z.literal('phapdien'),
  prefix: z.string(),
  status: z.enum(['pending', 'running', 'complete']),
  requestedBy: z.nullable(z.string()),
  createdAt: z.string(),
  startedAt: z.nullable(z.string()),
  completedAt: z.nullable(z.string()),
  progress: z.object({
    total: z.nullable(z.int()),
    done: z.int(),
    failed: z.int(),
    remaining: z.nullable(z.int()),
    percent: z.int(),
  }),
  topics: z.int(),
  totals: Totals,
  report: z.nullable(
    z.object({
      totals: Totals,
      topics: z.int(),
      files: z.int(),
      failures: z.array(z.object({ file: z.string(), reason: z.string() })),
      diagnostics: z.array(z.object({ file: z.string(), headingId: z.nullable(z.string()), code: z.string(), message: z.string() })),
    }),
  ),
});

/** A message on the import queues (the SQS body). */
export const ImportMessageBody = z.union([
  z.object({ kind: z.literal('split'), importId }),
  z.object({ kind: z.literal('file'), importId, key: z.string().check(z.minLength(1), z.maxLength(1024)) }),
]);
