/**
 * The last few parses, by the sha256 and the name of the file (the name says its format). A file is parsed when it is ingested (domain/services/ingest), and
 * the change stream reads its links from a parse of the same file right after (domain/services/links). In one
 * process — the embedded runtime, the CLI, the benchmarks — the stream then neither reads the original back nor
 * parses it again; where each step runs apart (a Lambda per step on AWS) it misses and reads as before. A parse is a
 * pure function of the file's bytes and format, so a hit is always right. Callers never change what they are given.
 */
import type { parseDocument } from './parse';

type Parsed = ReturnType<typeof parseDocument>;

/** Files kept: an ingestion is read by the stream a moment later, so a few cover a batch. */
export const PARSES_KEPT = 8;

const kept = new Map<string, Parsed>();

const keyOf = (file: { sha256: string; fileName: string }) => `${file.sha256} ${file.fileName}`;

export function keepParse(file: { sha256: string; fileName: string }, parsed: Parsed): void {
  const key = keyOf(file);
  kept.delete(key);
  kept.set(key, parsed);
  while (kept.size > PARSES_KEPT) kept.delete(kept.keys().next().value as string);
}

export function keptParse(file: { sha256: string; fileName: string }): Parsed | undefined {
  const key = keyOf(file);
  const parsed = kept.get(key);
  if (parsed) {
    kept.delete(key);
    kept.set(key, parsed);
  }
  return parsed;
}

/** Forgets every kept parse: what a new process starts with (tests of a Lambda that did not ingest). */
export function forgetParses(): void {
  kept.clear();
}
