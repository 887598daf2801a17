/**
 * The parse kept from ingestion (domain/parse/memo.ts): the change stream reads a work's links from it without
 * reading the original back or parsing again when both run in one process, and finds the same links as from a
 * fresh read; a file under another name (another format) is another parse; only the last few are kept.
 */
import { forgetParses, keepParse, keptParse, keptSize, PARSES_KEPT } from '../../domain/parse/memo';
import { parseDocument } from '../../domain/parse/parse';
import { ingestDocument } from '../../domain/services/ingest';
import { readLinks } from '../../domain/services/links';
import { drainOutbox } from '../../local/stream';
import { sampleFile } from '../support/fixtures';
import { tempEmbedded } from '../support/embedded';

it('keeps the last parses by file and name, the most recently used last out, counting their characters', () => {
  forgetParses();
  const parsed = parseDocument('Điều 1. Phạm vi\nNội dung.', 'text');
  const chars = parsed.lines.reduce((n, l) => n + l.length + 1, 0);
  keepParse({ sha256: 'a', fileName: 'a.txt' }, parsed);
  expect(keptParse({ sha256: 'a', fileName: 'a.txt' })).toBe(parsed);
  expect(keptParse({ sha256: 'a', fileName: 'a.md' })).toBeUndefined();
  keepParse({ sha256: 'a', fileName: 'a.txt' }, parsed);
  expect(keptSize()).toEqual({ files: 1, chars });
  for (let i = 0; i < PARSES_KEPT - 1; i++) keepParse({ sha256: `f${i}`, fileName: 'f.txt' }, parsed);
  expect(keptParse({ sha256: 'a', fileName: 'a.txt' })).toBe(parsed); // used: now the newest
  keepParse({ sha256: 'g', fileName: 'g.txt' }, parsed);
  expect(keptParse({ sha256: 'f0', fileName: 'f.txt' })).toBeUndefined();
  expect(keptParse({ sha256: 'a', fileName: 'a.txt' })).toBe(parsed);
  expect(keptSize()).toEqual({ files: PARSES_KEPT, chars: PARSES_KEPT * chars });
  forgetParses();
  expect(keptSize()).toEqual({ files: 0, chars: 0 });
});

it('lets the stream read links without the original after an ingestion in the same process, with the same links', async () => {
  const embedded = tempEmbedded();
  const gets: string[] = [];
  const get = embedded.ports.blobs.get.bind(embedded.ports.blobs);
  embedded.ports.blobs.get = async (key) => {
    gets.push(key);
    return get(key);
  };
  const { work } = await ingestDocument(embedded.ports, { fileName: '02-2023-TT-BLDTBXH.txt', bytes: sampleFile('02-2023-TT-BLDTBXH.txt') });
  await drainOutbox(embedded);
  expect(gets).toEqual([]);
  const kept = await readLinks(embedded.ports, work);
  // Once the parse is no longer kept, the original is read back: the same links.
  for (let i = 0; i < PARSES_KEPT; i++) keepParse({ sha256: `other${i}`, fileName: 'x.txt' }, parseDocument('Điều 1. X', 'text'));
  const fresh = await readLinks(embedded.ports, work);
  expect(gets).toHaveLength(1);
  expect(fresh).toEqual(kept);
  expect(kept.relations.length + kept.effects.length).toBeGreaterThan(0);
});
