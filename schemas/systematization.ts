/** Sectors (lĩnh vực) and systematization (hệ thống hóa): requests and responses. */
import * as z from 'zod/mini';
import { DocumentType, isoDate, NotAsRecorded } from './common';
import { Status } from './search';

const name = z.string().check(z.minLength(1), z.maxLength(200));
const docRef = z.string().check(z.minLength(1), z.maxLength(200));
const sectorCode = z.string().check(z.regex(/^\d{1,3}$/));

export const SystematizationQuery = z.object({
  /** An issuing body (`Bộ Lao động - Thương binh và Xã hội`, with or without diacritics) or its code in numbers (`BLĐTBXH`). */
  issuer: z.optional(name),
  /** A province or city: its local bodies' documents. Exactly one of issuer and province. */
  province: z.optional(name),
  /** The cut-off date (default: today in Vietnam). */
  at: z.optional(isoDate),
  /** `json` (default), `csv` (RFC 4180, UTF-8 with BOM) or `html` (a printable page). */
  format: z.optional(z.enum(['json', 'csv', 'html'])),
  ...NotAsRecorded,
});

const SectorRef = z.object({ code: z.string(), name: z.string() });

const Ground = z.object({
  code: z.string(),
  message: z.string(),
  workId: z.nullable(z.string()),
  number: z.nullable(z.string()),
  citation: z.nullable(z.string()),
  sourceCitation: z.nullable(z.string()),
  date: z.nullable(z.string()),
});

const Row = z.object({
  stt: z.int(),
  documentId: z.string(),
  number: z.nullable(z.string()),
  type: DocumentType,
  typeLabel: z.string(),
  title: z.nullable(z.string()),
  issued: z.nullable(z.string()),
  effective: z.nullable(z.string()),
  status: Status,
  statusLabel: z.string(),
  /** The legal ground of the status: the reasons (or, on the review list, the flags) with the causing document. */
  grounds: z.array(Ground),
  sectors: z.array(SectorRef),
  /** False when the sectors are suggestions no reviewer has confirmed yet. */
  sectorsConfirmed: z.boolean(),
});

export const SystematizationResponse = z.object({
  subject: z.object({ kind: z.enum(['issuer', 'province']), name: z.string() }),
  at: z.string(),
  total: z.int(),
  lists: z.array(z.object({ key: z.enum(['in_force', 'expired', 'partially_expired', 'to_review', 'other']), title: z.string(), rows: z.array(Row) })),
});

export const SectorsResponse = z.object({
  source: z.string(),
  sectors: z.array(
    z.object({
      code: z.string(),
      number: z.int(),
      name: z.string(),
      nameFrom: z.enum(['tree', 'heading']),
      headings: z.array(z.object({ id: z.string(), title: z.string() })),
    }),
  ),
});

export const SectorParams = z.object({ id: docRef });

const Evidence = z.union([
  z.object({ kind: z.literal('codified'), count: z.int(), articles: z.array(z.string()) }),
  z.object({ kind: z.literal('keyword'), term: z.string(), where: z.enum(['title', 'lead', 'text']), count: z.int() }),
]);

export const DocumentSectorsResponse = z.object({
  documentId: z.string(),
  documentNumber: z.nullable(z.string()),
  /** The sectors the document is filed under: confirmed, else the top suggestions. */
  sectors: z.array(SectorRef),
  confirmed: z.nullable(
    z.object({ codes: z.array(z.string()), sectors: z.array(SectorRef), confirmedBy: z.string(), confirmedAt: z.string(), reason: z.string() }),
  ),
  suggestions: z.array(z.object({ code: z.string(), name: z.string(), score: z.number(), evidence: z.array(Evidence) })),
  /** Only on PUT: false when the same codes were confirmed already (nothing written). */
  changed: z.optional(z.boolean()),
});

export const ConfirmSectorsRequest = z.object({
  /** Catalogue codes (GET /v1/sectors). */
  codes: z.array(sectorCode).check(z.minLength(1), z.maxLength(10)),
  reason: z.string().check(z.minLength(3), z.maxLength(1000)),
});
