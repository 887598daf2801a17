/** Linting a file as a drafting team would: read it in any supported format, parse it, run the format linter. */
import { lint } from '../lint';
import type { Diagnostic } from '../model';
import { DOCX_LIMITS, type DocxLimits, readDocument } from '../parse/formats';
import type { WorkMetadata } from '../parse/metadata';
import { parseDocument } from '../parse/parse';

export interface LintReport {
  metadata: WorkMetadata;
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

/** `limits`: what a DOCX may cost to read; the public route passes PUBLIC_DOCX_LIMITS (domain/parse/formats.ts). */
export async function lintFile(fileName: string, bytes: Uint8Array, strict = false, limits: DocxLimits = DOCX_LIMITS): Promise<LintReport> {
  const read = await readDocument(fileName, bytes, limits);
  const parsed = parseDocument(read.text, read.format);
  const diagnostics = [...read.diagnostics, ...lint(parsed, { strict })];
  return {
    metadata: parsed.metadata,
    diagnostics,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}
