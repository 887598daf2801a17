/**
 * Ingestion: a file in, a stored original and a work record out. Idempotent by content hash; safe under concurrent
 * ingestion of the same or related files (optimistic locking with retries); writes the blob before the record so
 * a failure never leaves a record pointing at nothing.
 */
import { createHash } from 'node:crypto';
import { ConflictError, DomainError } from '../errors';
import type { Diagnostic, SourceFile, SourceFormat, Work } from '../model';
import { lint } from '../lint';
import { readDocument } from '../parse/formats';
import type { WorkMetadata } from '../parse/metadata';
import { keepParse } from '../parse/memo';
import { parseDocument } from '../parse/parse';
import { effectiveDate } from '../parse/effective';
import { unitCommencements } from '../status/commencement';
import { flattenUnits } from '../units';
import type { Ports } from '../ports';
import { isLocalNumber, numberHasYear, workIdFor, workIdForUnnumbered } from '../refs';

export interface IngestInput {
  fileName: string;
  bytes: Uint8Array;
  /** Strict mode (drafts): a file with format-lint errors is refused with the list, and nothing is stored. */
  strict?: boolean;
  /** Who sends it (an identity's subject, `cli`, `sample`): kept in the document's history. Default `system`. */
  actor?: string;
}

export type IngestOutcome = 'created' | 'source_added' | 'unchanged';

export interface IngestResult {
  work: Work;
  outcome: IngestOutcome;
  diagnostics: Diagnostic[];
}

const MAX_ATTEMPTS = 8;
/** Renditions kept per work (a DynamoDB transaction holds at most 100 items: the work and one claim per source). */
export const MAX_SOURCES = 50;

/**
 * A file whose number gives an id we already hold is another rendition of that document only if what both say
 * agrees. A number without a year, or a local number whose province we could not read, may name another document.
 */
function assertSameDocument(existing: Work, incoming: WorkMetadata, fileName: string): void {
  const clash = (
    [
      ['type', existing.type === 'unknown' ? null : existing.type, incoming.type === 'unknown' ? null : incoming.type],
      ['date of issue', existing.issued, incoming.issued],
      ['place', existing.place, incoming.place],
    ] as const
  ).find(([, a, b]) => a !== null && b !== null && a !== b);
  if (clash)
    throw new DomainError(
      'conflict',
      `${fileName}: its number ${incoming.number ?? ''} matches ${existing.id}, but its ${clash[0]} (${clash[2]}) differs from the stored one (${clash[1]}); not merged`,
      { id: existing.id },
    );
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Content-addressed key of an original: the same bytes always land on the same key. */
export const originalBlobKey = (sha256: string) => `originals/${sha256.slice(0, 2)}/${sha256}`;

const CONTENT_TYPES: Record<SourceFormat, string> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export async function ingestDocument(ports: Ports, input: IngestInput): Promise<IngestResult> {
  const read = await readDocument(input.fileName, input.bytes);
  const format: SourceFormat = read.format;
  const sha256 = sha256Hex(input.bytes);

  const knownId = await ports.works.findIdBySourceHash(sha256);
  if (knownId) {
    const work = await ports.works.get(knownId);
    if (work) return { work, outcome: 'unchanged', diagnostics: [] };
  }

  const parsed = parseDocument(read.text, format);
  keepParse({ sha256, fileName: baseName(input.fileName) }, parsed);
  const { metadata } = parsed;
  const diagnostics = [...read.diagnostics, ...parsed.diagnostics];
  if (!metadata.number && metadata.type === 'unknown' && parsed.units.length === 0)
    throw new DomainError('unreadable_document', `${input.fileName}: does not look like a legal document (no number, no type heading, no article)`, {
      fileName: input.fileName,
    });
  const id = metadata.number ? workIdFor({ number: metadata.number, issued: metadata.issued, place: metadata.place }) : workIdForUnnumbered(sha256);
  if (metadata.number && !numberHasYear(metadata.number) && !metadata.issued)
    diagnostics.push({
      code: 'metadata.id_without_year',
      severity: 'warning',
      message: `${metadata.number} repeats across years and no date of issue was found: the id ${id} carries no year`,
    });
  if (metadata.number && isLocalNumber(metadata.number) && !metadata.place)
    diagnostics.push({
      code: 'metadata.id_without_place',
      severity: 'warning',
      message: `${metadata.number} repeats across provinces and no place was found: the id ${id} carries no province`,
    });
  if (input.strict) {
    const findings = lint(parsed, { strict: true });
    const errors = findings.filter((d) => d.severity === 'error');
    if (errors.length > 0)
      throw new DomainError('lint_failed', `${input.fileName}: ${errors.length} format error(s); the first: ${errors[0]?.message ?? ''}`, {
        fileName: input.fileName,
        diagnostics: findings,
      });
  }
  const units = flattenUnits(parsed.units);
  const effective = effectiveDate(parsed.units, metadata.issued);
  const provisionDates = [...new Set(unitCommencements(units, metadata.issued, effective).map((c) => c.date))].sort();
  const blobKey = originalBlobKey(sha256);
  await ports.blobs.put(blobKey, input.bytes, CONTENT_TYPES[format]);

  const now = ports.clock.now().toISOString();
  const source: SourceFile = { sha256, fileName: baseName(input.fileName), format, bytes: input.bytes.byteLength, blobKey, receivedAt: now };

  for (let attempt = 1; ; attempt++) {
    try {
      const existing = await ports.works.get(id);
      if (!existing) {
        // Units first, under this source's own set: a work never names a set that is not fully written.
        await ports.units.replaceUnits(sha256, units);
        const work: Work = {
          id,
          ...metadata,
          effective,
          ...(provisionDates.length > 0 ? { provisionDates } : {}),
          sources: [source],
          unitSet: sha256,
          unitCount: units.length,
          warnings: diagnostics.filter((d) => d.severity !== 'info'),
          createdAt: now,
          updatedAt: now,
          version: 0,
          lastChange: { actor: input.actor ?? 'system', action: 'ingest', reason: `Tiếp nhận tệp ${source.fileName}` },
        };
        return { work: await ports.works.save(work, 0), outcome: 'created', diagnostics };
      }
      if (existing.sources.some((s) => s.sha256 === sha256)) return { work: existing, outcome: 'unchanged', diagnostics: [] };
      assertSameDocument(existing, metadata, input.fileName);
      if (existing.sources.length >= MAX_SOURCES)
        throw new DomainError('conflict', `${id} already has ${existing.sources.length} source files; no more renditions are accepted`, { id });
      // Another rendition of a document we hold (web and Công báo): keep both sources, fill what was unknown.
      const merged: Work = {
        ...existing,
        number: existing.number ?? metadata.number,
        title: existing.title ?? metadata.title,
        type: existing.type === 'unknown' ? metadata.type : existing.type,
        issuers: existing.issuers.length ? existing.issuers : metadata.issuers,
        place: existing.place ?? metadata.place,
        issued: existing.issued ?? metadata.issued,
        effective: existing.effective ?? effective,
        sources: [...existing.sources, source],
        updatedAt: now,
        lastChange: { actor: input.actor ?? 'system', action: 'source_added', reason: `Thêm bản ${source.fileName}` },
      };
      return { work: await ports.works.save(merged, existing.version), outcome: 'source_added', diagnostics };
    } catch (e) {
      if (!(e instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw e;
      // Someone wrote first: if it was this very file, we are done; else re-read and try again.
      const winner = await ports.works.findIdBySourceHash(sha256);
      if (winner) {
        const work = await ports.works.get(winner);
        if (work) return { work, outcome: 'unchanged', diagnostics: [] };
      }
    }
  }
}

/** File names arrive from users: keep only the last path segment, so `../../etc/passwd` is just `passwd`. */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).filter(Boolean).pop() ?? 'document.txt';
  return last.replace(/[\u0000-\u001f]/g, '').slice(0, 200) || 'document.txt';
}
