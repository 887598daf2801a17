/**
 * The development corpus shipped in the repository (test/fixtures/corpus) is the one its manifest describes: every
 * document present, byte for byte (sha256), and the tests that take "the whole corpus" take exactly those 50.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, CORPUS_FILES, corpusFile } from '../support/fixtures';

const manifest = JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as { file: string; sha256: string; source_url?: string }[];

it('lists the 50 documents of the development corpus', () => {
  expect(CORPUS_FILES).toHaveLength(50);
  expect(new Set(CORPUS_FILES).size).toBe(50);
});

it.each(manifest.map((d) => [d.file.replace(/^docs\//, ''), d.sha256]))('%s is byte for byte the manifest’s (sha256)', (file, sha256) => {
  expect(createHash('sha256').update(corpusFile(file)).digest('hex')).toBe(sha256);
});
