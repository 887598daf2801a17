/** Shared by the relation and status tests: parse a real corpus text from test/fixtures/corpus into a work + parse. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Work } from '../../../domain/model';
import { effectiveDate } from '../../../domain/parse/effective';
import { parseDocument } from '../../../domain/parse/parse';
import type { ParseResult } from '../../../domain/parse/types';
import { workIdFor } from '../../../domain/refs';
import { type ExtractWork, extractRelations } from '../../../domain/relations/extract';

export const CORPUS_DIR = join(__dirname, '..', '..', 'fixtures', 'corpus');

export function parseFixture(file: string): ParseResult {
  const text = readFileSync(join(CORPUS_DIR, file), 'utf8');
  return parseDocument(text, /\*\*[^*\n]+\*\*/.test(text.slice(0, 20000)) ? 'markdown' : 'text');
}

/** The work as ingestion builds it; `over` corrects what the parser misreads (numbers, dates: the manifest's values). */
export function load(file: string, over: Partial<Work> = {}): { work: ExtractWork; parsed: ParseResult } {
  const parsed = parseFixture(file);
  const m = parsed.metadata;
  const number = over.number ?? m.number;
  const issued = over.issued ?? m.issued;
  const work: ExtractWork = {
    id: over.id ?? (number ? workIdFor({ number, issued, place: m.place }) : file),
    number,
    type: over.type ?? m.type,
    issued,
    effective: over.effective !== undefined ? over.effective : effectiveDate(parsed.units, issued),
    title: over.title ?? m.title,
    place: over.place ?? m.place,
    consolidates: m.consolidates,
  };
  return { work, parsed };
}

export function relationsOf(file: string, over: Partial<Work> = {}) {
  const { work, parsed } = load(file, over);
  return { work, ...extractRelations(work, parsed) };
}
