import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Work } from '../../domain/model';

export const SAMPLE_DIR = join(__dirname, '..', '..', 'local', 'sample-corpus');
export const sampleFile = (name: string) => readFileSync(join(SAMPLE_DIR, name));

/**
 * The development corpus, in the repository: the 50 documents of the shared corpus's docs/ copied byte for byte into
 * test/fixtures/corpus with their manifest (source, sha256). Tests read nothing outside the repository (issue 16).
 */
export const CORPUS_DIR = join(__dirname, '..', 'fixtures', 'corpus');
export const corpusFile = (name: string) => readFileSync(join(CORPUS_DIR, name));
/** The manifest's documents, by file name (the fixtures folder also holds excerpts that are not corpus documents). */
export const CORPUS_FILES: string[] = (JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as { file: string }[]).map((d) =>
  d.file.replace(/^docs\//, ''),
);
/** Đề mục 20.5 of the Bộ pháp điển export (one file of its demuc/ folder). */
export const PHAPDIEN_20_5 = join(__dirname, '..', 'fixtures', 'phapdien-20.5', 'b10e4fa0-bfe1-42c1-8ff0-0af74ec834ed.html.gz');
/** The export's tree.json (the chủ đề and đề mục list). */
export const PHAPDIEN_TREE = join(__dirname, '..', 'fixtures', 'phapdien-import', 'tree.json');

let counter = 0;
/** A work record for port tests; `over` wins. Ids are unique per call unless given. */
export function makeWork(over: Partial<Work> = {}): Work {
  counter++;
  const id = over.id ?? `test-${process.pid}-${counter}`;
  return {
    id,
    number: `${counter}/2024/TT-BTEST`,
    type: 'thong_tu',
    title: `Thông tư thử nghiệm ${counter}`,
    issuers: ['BỘ THỬ NGHIỆM'],
    place: 'Hà Nội',
    issued: '2024-01-02',
    legalBases: [],
    consolidates: [],
    signer: null,
    effective: null,
    scope: 'central',
    sources: [
      {
        sha256: `${id}-sha`.padEnd(64, '0'),
        fileName: `${id}.txt`,
        format: 'text',
        bytes: 10,
        blobKey: `originals/xx/${id}`,
        receivedAt: '2024-01-02T00:00:00.000Z',
      },
    ],
    unitSet: null,
    unitCount: 0,
    warnings: [],
    createdAt: '2024-01-02T00:00:00.000Z',
    updatedAt: '2024-01-02T00:00:00.000Z',
    version: 0,
    ...over,
  };
}
