/**
 * Every development document parses: the whole corpus beside the repo when it is there (CI, developers), else the
 * texts shipped in the repo. No crash, unique eIds, units found, and the article counts the manifest's notes give.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lint } from '../../domain/lint';
import { parseDocument } from '../../domain/parse/parse';
import type { ParsedUnit } from '../../domain/parse/types';
import { SAMPLE_DIR } from '../support/fixtures';

const SHARED = resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'docs');
const dirs = existsSync(SHARED) ? [SHARED] : [SAMPLE_DIR, join(__dirname, '..', 'fixtures', 'corpus')];
const files = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => join(d, f)),
);
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
