/** Status, relations, point-in-time text, timeline and diffs of a document; the status check of citations. */
import * as z from 'zod/mini';
import { isoDate, NotAsRecorded, PendingAmendment, Reason } from './common';
import { Status } from './search';

const docRef = z.string().check(z.minLength(1), z.maxLength(200));
const eId = z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9_]+$/));

export const DocumentParams = z.object({ id: docRef });

export const StatusQuery = z.object({
  /** The date (default: today in Vietnam). */
  at: z.optional(isoDate),
  /** One unit of the document (`art_5__para_2`) instead of the whole. */
  eId: z.optional(eId),
  /** Answer as the database would have at this earlier moment (a date, or a date-time), from the history. */
  asRecordedAt: z.optional(z.string().check(z.minLength(10), z.maxLength(40))),
});

export const RelationsQuery = z.object({
  /** The relations as recorded at this earlier moment (a date, or a date-time). */
  asRecordedAt: z.optional(z.string().check(z.minLength(10), z.maxLength(40))),
});

const Flag = z.object({
  code: z.string(),
  message: z.string(),
  workId: z.optional(z.nullable(z.string())),
  number: z.optional(z.nullable(z.string())),
  eId: z.optional(z.string()),
  relations: z.optional(z.array(z.object({ workId: z.string(), number: z.nullable(z.string()), type: z.string(), date: z.nullable(z.string()) }))),
});

export const StatusResponse = z.object({
  documentId: z.string(),
  documentNumber: z.nullable(z.string()),
  at: z.string(),
  eId: z.nullable(z.string()),
  citation: z.nullable(z.string()),
  status: Status,
  label: z.string(),
  reasons: z.array(Reason),
  flags: z.array(Flag),
  /** The date from which this status holds (the last change on or before `at`). */
  since: z.nullable(z.string()),
  /** The dates on which the status changes. */
  changes: z.array(z.string()),
  /** Amendments known from official consolidated texts whose text is not in the database. */
  pending: z.array(PendingAmendment),
  /** For a consolidated text (VBHN): the work it consolidates (its validity is that work's) and the version's date. */
  consolidates: z.optional(z.nullable(z.object({ workId: z.string(), number: z.nullable(z.string()), at: z.nullable(z.string()) }))),
  /** False for a placeholder: a document other documents cite that is not in the database yet. */
  inDatabase: z.boolean(),
  asRecordedAt: z.optional(z.string()),
});

const RelationView = z.object({
  /** Stable id: reviewers correct or remove a relation by it. */
  id: z.string(),
  type: z.string(),
  direction: z.enum(['outgoing', 'incoming']),
  label: z.string(),
  other: z.object({ workId: z.nullable(z.string()), number: z.nullable(z.string()), title: z.nullable(z.string()), text: z.string(), inDatabase: z.boolean() }),
  eId: z.nullable(z.string()),
  otherEId: z.nullable(z.string()),
  effectiveFrom: z.nullable(z.string()),
  evidence: z.string(),
  origin: z.enum(['extracted', 'reviewer']),
});

export const RelationsResponse = z.object({
  documentId: z.string(),
  documentNumber: z.nullable(z.string()),
  inDatabase: z.boolean(),
  asRecordedAt: z.optional(z.string()),
  groups: z.array(
    z.object({ type: z.string(), direction: z.enum(['outgoing', 'incoming']), label: z.string(), count: z.int(), relations: z.array(RelationView) }),
  ),
});

export const ConsolidatedQuery = z.object({
  at: z.optional(isoDate),
  ...NotAsRecorded,
  /** `json` (default), `text` (plain text with notes), `html`, or a VBHN-style `docx` or `pdf` (notes as footnotes). */
  format: z.optional(z.enum(['json', 'text', 'html', 'docx', 'pdf'])),
});

const UnitSource = z.object({
  effectId: z.string(),
  sourceWorkId: z.string(),
  sourceEId: z.string(),
  operation: z.string(),
  effectiveFrom: z.nullable(z.string()),
  note: z.string(),
});

/** A unit as in force at a date: its text, children, and the notes of the effects that made it so. */
export const ConsolidatedUnit = z.object({
  kind: z.string(),
  num: z.string(),
  eId: z.string(),
  heading: z.nullable(z.string()),
  text: z.string(),
  sources: z.optional(z.array(UnitSource)),
  repealed: z.optional(z.boolean()),
  /** Not in force on the date asked (repealed, ended, suspended): why, since when, the VBHN-style note, its last text. */
  validity: z.optional(
    z.object({
      status: Status,
      label: z.string(),
      since: z.nullable(z.string()),
      reasons: z.array(Reason),
      note: z.string(),
      lastText: z.optional(z.string()),
    }),
  ),
  get children() {
    return z.array(ConsolidatedUnit);
  },
});
z.globalRegistry.add(ConsolidatedUnit, { id: 'ConsolidatedUnit' });

const Unapplied = z.object({
  effectId: z.string(),
  reason: z.string(),
  targetEId: z.string(),
  effectiveFrom: z.nullable(z.string()),
  sourceWorkId: z.nullable(z.string()),
  sourceNumber: z.nullable(z.string()),
  instruction: z.nullable(z.string()),
});

/** The document's validity on a date, as `/status` gives it. */
const ValidityAt = z.object({
  status: Status,
  label: z.string(),
  since: z.nullable(z.string()),
  inForce: z.boolean(),
  reasons: z.array(Reason),
  flags: z.array(Flag),
});

export const ConsolidatedResponse = z.object({
  documentId: z.string(),
  documentNumber: z.nullable(z.string()),
  at: z.string(),
  /** The document's validity on `at`: an ended document answers with its last text, and this says why and since when. */
  validity: ValidityAt,
  /** Amendments known from official consolidated texts whose text is not in the database (not consolidated). */
  pending: z.array(z.extend(PendingAmendment, { inEffect: z.boolean(), message: z.string() })),
  units: z.array(ConsolidatedUnit),
  applied: z.array(z.string()),
  /** Effects dated on or before `at` that could not be applied, with why: never dropped silently. */
  unapplied: z.array(Unapplied),
});

export const TimelineResponse = z.object({
  documentId: z.string(),
  documentNumber: z.nullable(z.string()),
  effective: z.nullable(z.string()),
  dates: z.array(
    z.object({
      date: z.string(),
      effects: z.array(z.object({ id: z.string(), operation: z.string(), target: z.string(), sourceWorkId: z.string(), sourceNumber: z.nullable(z.string()) })),
      /** The document's validity from this date, when it changes. */
      status: z.nullable(z.object({ status: Status, label: z.string(), reasons: z.array(Reason) })),
      /** Units whose validity a relation changes this date, with the ground. */
      units: z.array(z.object({ eId: z.string(), citation: z.string(), reason: Reason })),
      /** Known amendments whose text is not in the database, taking effect this date. */
      pending: z.array(PendingAmendment),
    }),
  ),
});

export const DiffQuery = z.object({ from: isoDate, to: isoDate, ...NotAsRecorded });

/** The timeline has no date to ask; `asRecordedAt` is refused rather than ignored. */
export const TimelineQuery = z.object({ ...NotAsRecorded });

const DiffOp = z.object({ op: z.enum(['equal', 'delete', 'insert']), text: z.string() });
/** One unit whose heading or text differ between two dates, word by word (domain/consolidate/engine.ts UnitDiff). */
export const UnitDiff = z.object({
  eId: z.string(),
  kind: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  heading: z.nullable(z.array(DiffOp)),
  text: z.array(DiffOp),
  effects: z.array(z.string()),
});
export const DiffResponse = z.object({
  documentId: z.string(),
  documentNumber: z.nullable(z.string()),
  from: z.string(),
  to: z.string(),
  /** The document's validity at both dates. */
  validity: z.object({ from: ValidityAt, to: ValidityAt }),
  changes: z.array(UnitDiff),
});

export const StatusCheckRequest = z.object({
  /** Numbers or free-text citations, one per line, or a whole căn cứ block of a draft. */
  text: z.string().check(z.minLength(1), z.maxLength(100_000)),
  at: z.optional(isoDate),
});

export const StatusCheckResponse = z.object({
  at: z.string(),
  items: z.array(
    z.object({
      /** The citation as written. */
      citation: z.string(),
      documentId: z.nullable(z.string()),
      documentNumber: z.nullable(z.string()),
      inDatabase: z.boolean(),
      status: Status,
      label: z.string(),
      reasons: z.array(Reason),
      flags: z.array(Flag),
    }),
  ),
});
