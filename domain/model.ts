/** The domain model (ARCHITECTURE.md §3). Plain data: no behaviour, no infrastructure. */
import type { RelationReview } from './history/types';

/** A finding about an input, reported instead of thrown: parsers and linters return these. */
export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** 1-based line in the source file, when the finding has one. */
  line?: number;
}

import type { DocumentType } from './document-types';

/** The document types and their labels live in their registry (document-types.ts). */
export type { DocumentType };
export { DOCUMENT_TYPE_LABELS } from './document-types';

/**
 * A reference to another document as printed in a text (domain/parse/references.ts reads them): "Nghị định số
 * 27/2022/NĐ-CP ngày 19 tháng 4 năm 2022 của Chính phủ ...".
 */
export interface Reference {
  type: DocumentType | null;
  number: string | null;
  /** ISO date the reference gives for the cited document, if any. */
  date: string | null;
  /** The year, when the reference gives only that ("Bộ luật Hình sự năm 2015"). */
  year?: string | null;
  /** The body the reference names after "của", if any ("Chính phủ", "Bộ trưởng Bộ Tài chính"). */
  issuer: string | null;
  /** The reference as printed. */
  text: string;
}

/** A document a consolidated text (VBHN) merges, with the effective date the VBHN gives it. */
export interface ConsolidatedSource extends Reference {
  /** The effective date the consolidated text gives for this document. */
  effective: string | null;
}

export type SourceFormat = 'text' | 'markdown' | 'html' | 'docx';

/** One file a work was ingested from. A work may have several renditions (web and Công báo) of one text. */
export interface SourceFile {
  sha256: string;
  fileName: string;
  format: SourceFormat;
  bytes: number;
  /** Key of the original in the blob store; content-addressed, so storing it twice is harmless. */
  blobKey: string;
  receivedAt: string;
}

export type Scope = 'central' | 'province';

/** A legal normative document as promulgated (one per document; versions of its text hang below it). */
export interface Work {
  id: string;
  number: string | null;
  type: DocumentType;
  title: string | null;
  issuers: string[];
  place: string | null;
  /** ISO dates (YYYY-MM-DD). */
  issued: string | null;
  legalBases: Reference[];
  consolidates: ConsolidatedSource[];
  signer: { name: string; capacity: string } | null;
  effective: string | null;
  /**
   * Dates on which provisions of this work take effect on their own (domain/status/commencement.ts), kept so the
   * daily sweep sees them without reading the units; the status reads the provisions from the units themselves.
   */
  provisionDates?: string[];
  scope: Scope;
  sources: SourceFile[];
  /** The unit set (UnitRepository) holding this work's text: the sha256 of the source it was parsed from. */
  unitSet: string | null;
  /** How many units that set holds. */
  unitCount: number;
  warnings: Diagnostic[];
  createdAt: string;
  updatedAt: string;
  /** Optimistic-lock counter: every successful write increments it by one. */
  version: number;
  /** Who made the latest write and why: the history (domain/history) records it with the change. */
  lastChange?: { actor: string; action: 'ingest' | 'source_added' | 'review' | 'withdraw' | 'reinstate'; reason: string | null };
  /**
   * Set while a reviewer has withdrawn the document (ingested by mistake): who, when, why. A withdrawn work holds no
   * relations or effects, is in no list or search, and GET of it answers 410 (docs/adr/0011, amendment). Absent or
   * null: not withdrawn.
   */
  withdrawn?: { actor: string; at: string; reason: string } | null;
  /** Reviewers' edits of the relations this document holds (who, when, why), applied over the extracted ones. */
  reviews?: RelationReview[];
  /** Sectors (lĩnh vực, domain/sectors codes) a reviewer confirmed: who, when, why. Absent: suggestions are used. */
  sectors?: { codes: string[]; confirmedBy: string; confirmedAt: string; reason: string };
  /** The draft this work was promulgated from (domain/drafting): its appraisal is read there. Absent: ingested as is. */
  promotedFrom?: { draftId: string; version: number };
}

export type UnitKind = 'part' | 'chapter' | 'section' | 'subsection' | 'article' | 'clause' | 'point' | 'attachment' | 'appendix';

export interface Unit {
  kind: UnitKind;
  /** As printed: `II`, `5`, `3a`, `đ`, `a1`. */
  num: string;
  eId: string;
  heading: string | null;
  /** The unit's own text (not its children's), normalised, lines joined with `\n`. */
  text: string;
  children: Unit[];
}

/** A note attached to a unit: a footnote of a consolidated text, or an editor's note. */
export interface UnitNote {
  /** The marker as printed (`2`, `[1]`). */
  marker: string;
  text: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}
