/**
 * The last parses, by the sha256 and the name of the file (the name says its format). A file is parsed when it is
 * ingested (domain/services/ingest), and the change stream reads its links from a parse of the same file after
 * (domain/services/links) — right after, or once a batch of files is in (the sample corpus, a CLI import). In one
 * process — the embedded runtime, the CLI, the benchmarks — the stream then neither reads the original back nor
 * parses it again; where each step runs apart (a Lambda per step on AWS) it misses and reads as before. A parse is a
 * pure function of the file's bytes and format, so a hit is always right. Callers never change what they are given.
 */
import type { parseDocument } from './parse';

type Parsed = ReturnType<typeof parseDocument>;

/**
 * Parses kept: at most this many files, and at most this many characters of their texts together (a parse holds its
 * text about three times: lines, units, metadata): enough for a batch of documents, bounded for a Lambda's memory.
 */
export const PARSES_KEPT = 256;
export const PARSED_CHARS_KEPT = 8_000_000;

const kept = new Map<string, { parsed: Parsed; chars: number }>();
let keptChars = 0;

const keyOf = (file: { sha256: string; fileName: string }) => `${file.sha256} ${file.fileName}`;

export function keepParse(file: { sha256: string; fileName: string }, parsed: Parsed): void {
  const key = keyOf(file);
  forget(key);
  const chars = parsed.lines.reduce((n, l) => n + l.length + 1, 0);
  if (chars > PARSED_CHARS_KEPT) return;
  kept.set(key, { parsed, chars });
  keptChars += chars;
  while (kept.size > PARSES_KEPT || keptChars > PARSED_CHARS_KEPT) forget(kept.keys().next().value as string);
}

function forget(key: string): void {
  const k = kept.get(key);
  if (!k) return;
  kept.delete(key);
  keptChars -= k.chars;
}

/** What is kept: files and characters (for tests). */
export const keptSize = () => ({ files: kept.size, chars: keptChars });

export function keptParse(file: { sha256: string; fileName: string }): Parsed | undefined {
  const key = keyOf(file);
  const k = kept.get(key);
  if (k) {
    kept.delete(key);
    kept.set(key, k);
  }
  return k?.parsed;
}

/** Forgets every kept parse: what a new process starts with (tests of a Lambda that did not ingest). */
export function forgetParses(): void {
  kept.clear();
  keptChars = 0;
}
