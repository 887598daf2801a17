/** The history of a document, the change feed, and reviewers' edits of relations (domain/history). */
import * as z from 'zod/mini';
import { RELATION_TYPES, type RelationType } from '../domain/relations/types';
import { Cursor, isoDate } from './common';

const docRef = z.string().check(z.minLength(1), z.maxLength(200));
const eId = z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9_]+$/));
const moment = z.string().check(z.minLength(10), z.maxLength(40));

export const HistoryParams = z.object({ id: docRef });
export const HistoryQuery = z.object({
  /** Only what had been recorded by this moment (a date: the end of that day in Vietnam; or a date-time). */
  asRecordedAt: z.optional(moment),
});

export const Relation = z.object({
  type: z.string(),
  source: z.object({ workId: z.string(), number: z.nullable(z.string()), eId: z.optional(z.string()) }),
  target: z.object({
    workId: z.nullable(z.string()),
    number: z.nullable(z.string()),
    type: z.nullable(z.string()),
    issuer: z.nullable(z.string()),
    date: z.nullable(z.string()),
    eId: z.optional(z.string()),
    text: z.string(),
    /** A document cited by name and date, without a number: its lookup key. */
    nameKey: z.optional(z.string()),
  }),
  effectiveFrom: z.nullable(z.string()),
  effectiveTo: z.optional(z.nullable(z.string())),
  partial: z.optional(z.boolean()),
  note: z.optional(z.string()),
  evidence: z.object({ eId: z.optional(z.string()), line: z.int(), text: z.string() }),
  origin: z.enum(['extracted', 'reviewer']),
});

const Review = z.object({
  id: z.string(),
  action: z.enum(['add', 'correct', 'remove']),
  relationId: z.optional(z.string()),
  relation: z.optional(Relation),
  actor: z.string(),
  at: z.string(),
  reason: z.string(),
});

export const HistoryEvent = z.object({
  id: z.string(),
  workId: z.string(),
  kind: z.enum(['document.created', 'document.updated', 'relations.changed', 'relation.reviewed', 'status.changed']),
  recordedAt: z.string(),
  actor: z.string(),
  reason: z.nullable(z.string()),
  summary: z.string(),
  document: z.optional(
    z.object({
      version: z.int(),
      number: z.nullable(z.string()),
      type: z.string(),
      title: z.nullable(z.string()),
      issued: z.nullable(z.string()),
      effective: z.nullable(z.string()),
      sources: z.array(z.string()),
      unitSet: z.nullable(z.string()),
      unitCount: z.int(),
    }),
  ),
  changed: z.optional(z.array(z.string())),
  relations: z.optional(z.object({ holder: z.string(), after: z.array(Relation), added: z.array(z.string()), removed: z.array(z.string()) })),
  review: z.optional(Review),
  status: z.optional(z.object({ from: z.nullable(z.string()), to: z.string(), on: z.string(), reasons: z.array(z.string()) })),
});

export const HistoryResponse = z.object({
  documentId: z.string(),
  documentNumber: z.nullable(z.string()),
  asRecordedAt: z.optional(z.string()),
  events: z.array(HistoryEvent),
});

export const ChangesQuery = z.object({
  /** The `cursor` of a previous page; absent: from the beginning. The JSON feed only. */
  since: z.optional(Cursor),
  /** The Atom feed (newest first) only: the page of older events its `next` link names; absent: the newest. */
  before: z.optional(Cursor),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500)), 100),
  /** `json` (default) or `atom` (an Atom feed of the documents ingested and changed). */
  format: z.optional(z.enum(['json', 'atom'])),
});

export const ChangesResponse = z.object({
  items: z.array(HistoryEvent),
  /** Always present: pass it back as `since` for what is recorded after this page (the page may be empty). */
  cursor: z.string(),
});

const RelationEdit = z.object({
  type: z.optional(z.enum(RELATION_TYPES as [RelationType, ...RelationType[]])),
  /** Seen from the document in the path: `outgoing` (it acts on the other) or `incoming` (the other acts on it). */
  direction: z.optional(z.enum(['outgoing', 'incoming'])),
  /** The other document, by id or official number; it need not be in the database. */
  other: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  eId: z.optional(z.nullable(eId)),
  otherEId: z.optional(z.nullable(eId)),
  effectiveFrom: z.optional(z.nullable(isoDate)),
  effectiveTo: z.optional(z.nullable(isoDate)),
  note: z.optional(z.nullable(z.string().check(z.maxLength(1000)))),
});

const reason = z.string().check(z.minLength(3), z.maxLength(1000));

export const ReviewParams = z.object({ id: docRef });
export const ReviewItemParams = z.object({ id: docRef, relationId: z.string().check(z.regex(/^[0-9a-f]{16}$/)) });
export const AddRelationRequest = z.object({ relation: RelationEdit, reason });
export const CorrectRelationRequest = z.object({ relation: RelationEdit, reason });
export const RemoveRelationRequest = z.object({ reason });

export const ReviewResponse = z.object({
  /** false when the same edit had been stored already (the request is idempotent). */
  created: z.boolean(),
  /** The document that holds the edited relation. */
  holder: z.string(),
  /** The id of the relation added or of the corrected one. */
  relationId: z.nullable(z.string()),
  review: Review,
});
