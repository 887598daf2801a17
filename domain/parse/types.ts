/** What the parser produces (domain/parse/parse.ts) and what the linter (domain/lint/) and ingestion consume. */
import type { Diagnostic, SourceFormat, Unit, UnitNote } from '../model';
import type { WorkMetadata } from './metadata';

/** A unit as parsed: the model's Unit plus where it stands in the normalised text, and its notes. */
export interface ParsedUnit extends Unit {
  children: ParsedUnit[];
  /** 1-based line, in `ParseResult.lines`, of the unit's first line (its number/heading line). */
  line: number;
  /** 1-based last line (inclusive) of the unit, children included. */
  endLine: number;
  /** The marker as printed, cleaned of markup (`Điều 5.`, `Chương II`, `2.`, `đ)`, `PHỤ LỤC I`). */
  label: string;
  /** Footnotes (consolidated texts) attached to this unit. */
  notes: UnitNote[];
}

/** A legal basis line of the preamble ("Căn cứ Luật ... ;"), as printed. */
export interface PreambleLine {
  text: string;
  line: number;
}

export interface ParseResult {
  format: SourceFormat;
  metadata: WorkMetadata;
  /** The normalised lines the parser worked on (furniture removed, wrapped lines kept as they were). */
  lines: string[];
  /** The preamble between the title and the first unit: căn cứ lines and the enacting formula. Not units. */
  preamble: PreambleLine[];
  /** Top-level units: parts, chapters, or articles when the document has no containers; attachments and appendices last. */
  units: ParsedUnit[];
  /** The signature block (`TM. ...`, `KT. ...`, the signer, `Nơi nhận:`), not a unit. */
  signature: { line: number; text: string } | null;
  /** Footnotes whose unit could not be told (e.g. notes on the title or the preamble of a consolidated text). */
  notes: UnitNote[];
  diagnostics: Diagnostic[];
}
