/** Relations between documents (ARCHITECTURE.md §3): typed edges read from texts or entered by reviewers. */
import type { DocumentType } from '../document-types';

export type RelationType =
  | 'legal_basis'
  | 'guides'
  | 'details'
  | 'amends'
  | 'replaces'
  | 'repeals'
  | 'annuls'
  | 'suspends'
  | 'consolidates'
  | 'corrects'
  | 'cites'
  | 'interprets'
  | 'announces';

export const RELATION_TYPES: readonly RelationType[] = [
  'legal_basis',
  'guides',
  'details',
  'amends',
  'replaces',
  'repeals',
  'annuls',
  'suspends',
  'consolidates',
  'corrects',
  'cites',
  'interprets',
  'announces',
];

/** The Vietnamese wording of each relation, seen from the source and from the target. */
export const RELATION_LABELS: Record<RelationType, { outgoing: string; incoming: string }> = {
  legal_basis: { outgoing: 'Căn cứ', incoming: 'Là căn cứ của' },
  guides: { outgoing: 'Hướng dẫn', incoming: 'Được hướng dẫn bởi' },
  details: { outgoing: 'Quy định chi tiết', incoming: 'Được quy định chi tiết bởi' },
  amends: { outgoing: 'Sửa đổi, bổ sung', incoming: 'Được sửa đổi, bổ sung bởi' },
  replaces: { outgoing: 'Thay thế', incoming: 'Bị thay thế bởi' },
  repeals: { outgoing: 'Bãi bỏ', incoming: 'Bị bãi bỏ bởi' },
  annuls: { outgoing: 'Đình chỉ', incoming: 'Bị đình chỉ bởi' },
  suspends: { outgoing: 'Ngưng hiệu lực', incoming: 'Bị ngưng hiệu lực bởi' },
  consolidates: { outgoing: 'Hợp nhất', incoming: 'Được hợp nhất bởi' },
  corrects: { outgoing: 'Đính chính', incoming: 'Được đính chính bởi' },
  cites: { outgoing: 'Dẫn chiếu', incoming: 'Được dẫn chiếu bởi' },
  interprets: { outgoing: 'Giải thích', incoming: 'Được giải thích bởi' },
  announces: { outgoing: 'Công bố hết hiệu lực', incoming: 'Được công bố hết hiệu lực bởi' },
};

/** The document (and unit) a relation starts from: always a work of the database. */
export interface RelationSource {
  workId: string;
  number: string | null;
  /** The unit of the source holding the instruction or the citation. */
  eId?: string;
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
