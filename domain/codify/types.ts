/**
 * The Bộ pháp điển (national Code) as read from the Ministry of Justice export: chủ đề (topics) → đề mục (headings)
 * → chapters / sections → codified articles (ARCHITECTURE.md §3, Codification). Plain data, no behaviour.
 */
import type { Diagnostic, DocumentType } from '../model';

/** A chủ đề: one of the 45 topics of the Code. */
export interface Topic {
  number: number;
  title: string;
}

/** A đề mục as listed in tree.json (the list names some that have no file or no articles). */
export interface HeadingEntry {
  /** `36.3`, or null when the list does not give it. */
  id: string | null;
  title: string | null;
  topic: number | null;
  /** The export's file id (the file is `demuc/<file>.html`). */
  file: string | null;
  /** The list says the file holds no article. */
  empty: boolean;
  /** The list's own remark (`file >4 MiB, absent from snapshot`, ...). */
  note: string | null;
}

export type CodifiedNodeKind = 'part' | 'chapter' | 'section' | 'subsection' | 'other';

/** A container line of a heading (Phần, Chương, Mục, Tiểu mục), with what sits under it. */
export interface CodifiedNode {
  kind: CodifiedNodeKind;
  /** As printed: `I`, `1`, `nhất`; null for a title line with no label. */
  num: string | null;
  /** The label line as printed (`Chương I`, `Mục 2`). */
  label: string;
  title: string | null;
  anchor: string | null;
  /** "(Chương này có nội dung liên quan đến ...)" lines printed under the container. */
  crossRefs: CrossReference[];
  children: CodifiedNode[];
  /** Codes of the articles directly under this node, in order. */
  articles: string[];
}

/** A đề mục with its structure and articles. */
export interface CodifiedHeading {
  /** `36.3`: from the file's header, else from the articles' codes. */
  id: string;
  topic: number;
  title: string;
  /** Containers in order; articles sitting before any container are only in `articles`. */
  nodes: CodifiedNode[];
  articles: CodifiedArticle[];
}

/** How the source note says the source article changed since (the words after "có hiệu lực ..."). */
export type SourceChangeKind = 'amended' | 'supplemented' | 'repealed' | 'annulled' | 'replaced' | 'suspended' | 'corrected';

export interface SourceChange {
  kind: SourceChangeKind;
  /** "có nội dung được sửa đổi" (part of the article) rather than "bị bãi bỏ" (the whole article). */
  partial: boolean;
}

/** A document the source note says changed the source article: "Điều 1 Luật số 48/2014/QH13 có hiệu lực ... từ ngày 01/01/2015". */
export interface SourceAmendment {
  /** The units of the amending document, as printed (`Điều 1, Điều 2`, `khoản 2 Điều 1`). */
  units: string | null;
  documentNumber: string | null;
  documentType: DocumentType | null;
  documentId: string | null;
  effective: string | null;
  url: string | null;
  text: string;
}

/** The source note (pGhiChu): where the codified article comes from. */
export interface SourceNote {
  documentNumber: string | null;
  documentType: DocumentType | null;
  documentId: string | null;
  /** The source unit's number as printed: `1`, `98a`; null when the note cites a Mục or nothing. */
  articleNum: string | null;
  clause: string | null;
  point: string | null;
  /** The unit the note cites when it is not an article (`Mục IV`). */
  unit: string | null;
  /** ISO dates. */
  effective: string | null;
  /** "có hiệu lực thi hành đến ngày ...", when the note gives an end. */
  expires: string | null;
  issued: string | null;
  issuer: string | null;
  /** The document's title as the note gives it (only the first note of a document gives it). */
  title: string | null;
  url: string | null;
  changes: SourceChange[];
  amendedBy: SourceAmendment[];
  /** The note as printed, normalised, without its outer parentheses. */
  raw: string;
}

/**
 * An amendment the Code's notes say the codified article already carries: an entry of the source note's list ("có
 * nội dung được sửa đổi, bổ sung bởi|theo quy định tại ...") or a part of an amendment note printed in the text
 * ("Khoản 1 Điều này được sửa đổi, bổ sung theo quy định tại khoản 1 Điều 2 của Luật số 71/2014/QH13, có hiệu lực kể
 * từ ngày 01/01/2015"). An effect of that document on the source article is not news to the codified text.
 */
export interface Incorporation {
  /** The amending document's number as printed (`26/2012/QH13`); matched by referenceKey (domain/refs.ts). */
  documentNumber: string;
  documentType: DocumentType | null;
  documentId: string | null;
  /** The amending units as the note names them (`khoản 1 Điều 2`), if it does. */
  units: string | null;
  /** What of the article it changed, as an amendment note says (`Khoản 2 Điều này`); null in a source note. */
  target: string | null;
  /** ISO date the note gives for it; a part without one takes a later part's date for the same document. */
  effective: string | null;
  /** Which note says it: the source note (pGhiChu) or an amendment note printed in the text. */
  from: 'source_note' | 'note';
  /** The entry or part of the note as printed: the ground. */
  text: string;
}

/** A document a note names. */
export interface NoteReference {
  documentNumber: string | null;
  documentType: DocumentType | null;
  documentId: string | null;
}

/** An amendment note printed inside the article text: "(Khoản 1 Điều này được sửa đổi, bổ sung theo quy định tại ...)". */
export interface InlineNote {
  text: string;
  references: NoteReference[];
}

/** A chỉ dẫn entry: "Điều này có nội dung liên quan đến Điều 3.3.LQ.72. ..." (or an article of a document not codified). */
export interface CrossReference {
  /** The codified article referenced, normalised (`3.3.LQ.72`); null when the entry names a plain document unit. */
  code: string | null;
  /** The anchor the link jumps to (`ViewNoiDungPhapDien('...')`), if any. */
  anchor: string | null;
  /** The document named after "của" (`24/2018/QH14`), if any. */
  documentNumber: string | null;
  url: string | null;
  /** The entry as printed. */
  text: string;
}

export interface CodifiedArticle {
  /** Normalised: `36.3.LQ.1`, `45.5.NĐ.1.2a` (no "Điều ", no trailing dot, `Đ` not `Ð`). */
  code: string;
  /** The đề mục the article sits in (the file's heading; see the `heading_mismatch` diagnostic). */
  headingId: string;
  topic: number;
  /** `LQ`, `NĐ`, ...: see SOURCE_TYPES in code.ts; null when the code could not be read. */
  sourceTypeCode: string | null;
  /** The source document's ordinal within the heading and type (`NĐ.1` → 1); null when the code has none (`LQ.5`). */
  sourceOrdinal: number | null;
  /** The source article as the code gives it (`1`, `98a`, `33.2`). */
  sourceArticle: string | null;
  title: string;
  /** Normalised plain text, one paragraph a line (`\n`); table cells joined with ` | `; inline notes left out. */
  text: string;
  anchor: string | null;
  /** Titles of the containers it sits under, outermost first (`Chương I NHỮNG QUY ĐỊNH CHUNG`). */
  path: string[];
  source: SourceNote | null;
  notes: InlineNote[];
  /**
   * The amendments its notes say it carries, in note order (source note first), filled at import. Absent on articles
   * stored before the field existed: read it with `incorporationsOf` (notes.ts).
   */
  incorporates?: Incorporation[];
  crossRefs: CrossReference[];
  /** sha256 (hex) of the normalised content: code, title, text, notes, source note. */
  contentHash: string;
  /** 1-based position among articles of the same heading carrying the same code (the export repeats some codes). */
  occurrence: number;
  /** 1-based line of the article's line in the file. */
  line: number;
}

export interface ParsedHeading {
  heading: CodifiedHeading;
  diagnostics: Diagnostic[];
}
