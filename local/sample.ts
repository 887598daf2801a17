/** The sample corpus `npm start` loads into an empty store: real documents copied from the development corpus. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Ports } from '../domain/ports';
import { ingestDocument, type IngestResult } from '../domain/services/ingest';

export const SAMPLE_DIR = join(__dirname, 'sample-corpus');

export async function loadSampleCorpus(ports: Ports, dir = SAMPLE_DIR): Promise<IngestResult[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  const results: IngestResult[] = [];
  for (const f of files) results.push(await ingestDocument(ports, { fileName: f, bytes: await readFile(join(dir, f)), actor: 'sample-corpus' }));
  return results;
}
