import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Work } from '../../domain/model';

export const SAMPLE_DIR = join(__dirname, '..', '..', 'local', 'sample-corpus');
export const sampleFile = (name: string) => readFileSync(join(SAMPLE_DIR, name));

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
