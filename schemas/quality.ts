/**
 * The corpus quality report (issue 19, fourth point; domain/services/quality.ts): `GET /v1/quality`, for reviewers.
 * The objects are open (`looseObject`): the report may carry more than is described here, and a client must ignore
 * what it does not know.
 */
import * as z from 'zod/mini';
import { Limit, NotAsRecorded } from './common';

export const QualityQuery = z.object({
  /** How many documents, worst first (1–100, default 20). The totals are always over every document. */
  limit: Limit,
  ...NotAsRecorded,
});

/** The metadata every document should have (domain/services/quality.ts METADATA_FIELDS). */
export const MetadataField = z.enum(['number', 'type', 'issuers', 'issued', 'signer', 'title']);
const share = z.number().check(z.minimum(0), z.maximum(1));
const count = z.int().check(z.minimum(0));

export const DocumentQuality = z.looseObject({
  documentId: z.string(),
  documentNumber: z.nullable(z.string()),
  type: z.string(),
  title: z.nullable(z.string()),
  /** 0 (needs a human everywhere) to 1 (nothing found). */
  score: share,
  missing: z.array(MetadataField),
  /** Parse and lint diagnostics kept with the document. */
  diagnostics: z.array(z.looseObject({ code: z.string(), severity: z.string(), message: z.string() })),
  /** Citations that name no document: their text. */
  unresolved: z.array(z.looseObject({ type: z.string(), text: z.string() })),
  /** Cited documents not in the database. */
  placeholders: count,
  /** Amendment effects on this document that could not be applied: the unit aimed at, why, and the amending document's number. */
  unapplied: z.array(z.looseObject({ targetEId: z.string(), reason: z.string(), sourceNumber: z.nullable(z.string()) })),
  /** Numbering gaps and very long units. */
  structure: z.array(z.looseObject({ code: z.enum(['numbering_gap', 'long_unit']), eId: z.string(), message: z.string() })),
  /** The document's first sector (lĩnh vực), how sure the classifier is (1 when a reviewer confirmed), and whether a human should look. */
  sector: z.looseObject({ code: z.nullable(z.string()), confidence: share, needsReview: z.boolean() }),
  /** Sentences of the document that amend others, and how many of them were read into effects with nothing left unread. */
  instructions: z.looseObject({ sentences: count, parsed: count }),
});

export const QualityResponse = z.looseObject({
  documents: count,
  totals: z.looseObject({
    /** Share of documents with each metadata field. */
    metadata: z.looseObject({
      number: share,
      type: share,
      issuers: share,
      issued: share,
      signer: share,
      title: share,
    }),
    diagnostics: count,
    citations: count,
    unresolved: count,
    /** Share of citations that name a document (in the database or a placeholder). */
    citationsResolved: share,
    placeholders: count,
    effects: count,
    unapplied: count,
    /** Share of the amendment effects on the documents that apply. */
    effectsApplied: share,
    structure: count,
    /** Documents whose sector a human should look at. */
    sectorsToReview: count,
    /** Amendment sentences over the corpus and how many were read into effects in full. */
    instructions: z.looseObject({ sentences: count, parsed: count, share }),
  }),
  /** The documents, worst first (lowest score; ties by id), at most `limit`. */
  worst: z.array(DocumentQuality),
});
