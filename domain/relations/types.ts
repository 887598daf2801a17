/** Relations between documents (ARCHITECTURE.md §3): typed edges read from texts or entered by reviewers. */
import type { DocumentType } from '../document-types';

/**
 * What each relation type means, in one table: its labels, and what it does to the status of the document (or unit)
 * it points to (domain/status/engine.ts reads these flags; nothing else lists relation types by meaning). Adding a
 * type is one row here and its rule in the extractor.
 */
export interface RelationMeaning {
  outgoing: string;
  incoming: string;
  /** Ends the target's validity from its date: whole when it names no unit, else the unit (ENDING). */
  ends?: boolean;
  /** Changes the target's text or validity without ending it (with the ending ones: what the status reads). */
  changes?: boolean;
  /** Holds the target's validity for a time (effectiveFrom to effectiveTo). */
  suspends?: boolean;
  /** Two of these ending one target (or unit) at different dates contradict each other: flagged for review. */
  conflicts?: boolean;
  /** Ends a unit it names outright. */
  endsUnit?: boolean;
  /** Ends a unit it names when its note says so ("bãi bỏ", "hết hiệu lực", "hết thời hạn"): an announcement. */
  endsUnitIfNoted?: boolean;
  /** Ends the part of a unit it names inside another: that unit is then partially expired. */
  endsPart?: boolean;
  /** Gives a unit it names new wording, the unit staying in force. */
  rewords?: boolean;
  /** Rewords a part inside the unit asked about: the unit stays in force, with this as a reason. */
  rewordsPart?: boolean;
  /** The target is the source's parent (a law a decree details or guides): the status looks up to it. */
  parent?: boolean;
}

const TABLE = {
  legal_basis: { outgoing: 'Căn cứ', incoming: 'Là căn cứ của' },
  guides: { outgoing: 'Hướng dẫn', incoming: 'Được hướng dẫn bởi', parent: true },
  details: { outgoing: 'Quy định chi tiết', incoming: 'Được quy định chi tiết bởi', parent: true },
  amends: { outgoing: 'Sửa đổi, bổ sung', incoming: 'Được sửa đổi, bổ sung bởi', changes: true, rewords: true, rewordsPart: true },
  replaces: { outgoing: 'Thay thế', incoming: 'Bị thay thế bởi', ends: true, conflicts: true, endsPart: true, rewords: true },
  repeals: { outgoing: 'Bãi bỏ', incoming: 'Bị bãi bỏ bởi', ends: true, conflicts: true, endsUnit: true, endsPart: true },
  annuls: { outgoing: 'Đình chỉ', incoming: 'Bị đình chỉ bởi', ends: true, conflicts: true, endsUnit: true, endsPart: true },
  suspends: { outgoing: 'Ngưng hiệu lực', incoming: 'Bị ngưng hiệu lực bởi', changes: true, suspends: true, endsPart: true },
  consolidates: { outgoing: 'Hợp nhất', incoming: 'Được hợp nhất bởi' },
  corrects: { outgoing: 'Đính chính', incoming: 'Được đính chính bởi' },
  cites: { outgoing: 'Dẫn chiếu', incoming: 'Được dẫn chiếu bởi' },
  interprets: { outgoing: 'Giải thích', incoming: 'Được giải thích bởi' },
  announces: { outgoing: 'Công bố hết hiệu lực', incoming: 'Được công bố hết hiệu lực bởi', ends: true, endsUnitIfNoted: true, rewords: true },
} satisfies Record<string, RelationMeaning>;

/** The relation types: the table's keys. */
export type RelationType = keyof typeof TABLE;

export const RELATIONS: Record<RelationType, RelationMeaning> = TABLE;

export const RELATION_TYPES = Object.keys(RELATIONS) as readonly RelationType[];

/** The types whose relations have this meaning. */
export const relationTypesWhere = (flag: keyof Omit<RelationMeaning, 'outgoing' | 'incoming'>): RelationType[] =>
  RELATION_TYPES.filter((t) => RELATIONS[t][flag] === true);

/** Labels for the relations diagram (lược đồ): outgoing (this document → target) and incoming. */
export const RELATION_LABELS: Record<RelationType, { outgoing: string; incoming: string }> = Object.fromEntries(
  RELATION_TYPES.map((t) => [t, { outgoing: RELATIONS[t].outgoing, incoming: RELATIONS[t].incoming }]),
) as Record<RelationType, { outgoing: string; incoming: string }>;

/** The document (and unit) a relation starts from: always a work of the database. */
export interface RelationSource {
  workId: string;
  number: string | null;
  /** The unit of the source holding the instruction or the citation. */
  eId?: string;
  /**
   * How a person names a source that has no number (its type, title and date of issue): set by the status service
   * from the work store when it reads the relations (never stored), so that reasons never show an internal id.
   */
  name?: string;
}

/** The document a relation points to, as the text names it; `workId` is derived from the number (refs.ts). */
export interface RelationTarget {
  workId: string | null;
  number: string | null;
  type: DocumentType | null;
  issuer: string | null;
  /** ISO date the text gives for the target (its date of issue), if any. */
  date: string | null;
  /** A unit of the target (`art_5__para_2`) when the text names one ("khoản 2 Điều 5"). */
  eId?: string;
  /** The reference as printed. */
  text: string;
  /** A document cited by name and date, without a number: its lookup key (refs.ts referenceNameKey). */
  nameKey?: string;
}

export interface RelationEvidence {
  /** The unit of the source where the text stands (absent for the title and the preamble). */
  eId?: string;
  /** 1-based line in `ParseResult.lines`. */
  line: number;
  /** The sentence as printed (quoted new text left out), cut to a readable length. */
  text: string;
}

export interface Relation {
  type: RelationType;
  source: RelationSource;
  target: RelationTarget;
  /** ISO date from which the relation takes effect (the source's effective date, or a date the text gives), or null. */
  effectiveFrom: string | null;
  /** ISO date (exclusive) at which the relation stops acting: the end of a suspension. */
  effectiveTo?: string | null;
  /** True when the text says only part of the target is affected without naming the units ("bãi bỏ một phần"). */
  partial?: boolean;
  /** Free text the source gives with the relation: the reason column of a list of expired documents. */
  note?: string;
  evidence: RelationEvidence;
  origin: 'extracted' | 'reviewer';
}

/** A cited document that is not in the database: kept so that an edge to it is not lost. */
export interface PlaceholderWork {
  id: string;
  number: string;
  type: DocumentType | null;
  issuer: string | null;
}
