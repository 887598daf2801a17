/**
 * Parser and instruction fuzzing: generated texts (fast-check) and mutations of real corpus texts go through
 * parseDocument, lint, parseInstructions, extractRelations and parseHeadingHtml. A thrown error is a crash; each
 * call is timed, and a 1 MB single line must go through each function in under a second.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseHeadingHtml } from '../domain/codify/export';
import { parseInstructions } from '../domain/effects/instructions';
import { lint } from '../domain/lint';
import { parseDocument } from '../domain/parse/parse';
import type { ParseResult } from '../domain/parse/types';
import { extractRelations } from '../domain/relations/extract';
import { ROOT } from './runtime';

export const CORPUS_DIRS = [join(ROOT, 'local', 'sample-corpus'), join(ROOT, 'test', 'fixtures', 'corpus')];
/** A 1 MB single line must go through each function in less than this. */
export const HUGE_LINE_LIMIT_MS = 1000;

export interface FuzzCrash {
  fn: string;
  input: string;
  /** The input itself when short (≤ 2,000 chars), else its first 300 characters and its length. */
  sample: string;
  length: number;
  error: string;
}

export interface FuzzReport {
  cases: number;
  calls: number;
  crashes: FuzzCrash[];
  slowest: { fn: string; input: string; ms: number; length: number };
  hugeLine: { input: string; fn: string; ms: number }[];
  hugeLineViolations: number;
  corpusFiles: number;
  seed: number;
  durationMs: number;
}

function pipeline(text: string, call: (fn: string, run: () => unknown) => unknown): void {
  const parsed = call('parseDocument', () => parseDocument(text)) as ParseResult | undefined;
  if (parsed) {
    call('lint', () => lint(parsed, { strict: true }));
    const m = parsed.metadata;
    call('parseInstructions', () =>
      parseInstructions({ id: 'FUZZ', number: m.number, effective: m.issued }, parsed, { workId: 'TARGET', number: '01/2020/TT-BTC' }),
    );
    call('extractRelations', () => extractRelations({ id: 'FUZZ', number: m.number, type: m.type, effective: null, issued: m.issued }, parsed));
  }
  call('parseHeadingHtml', () => parseHeadingHtml(text, 'fuzz.html'));
  call('parseHeadingHtml(wrapped)', () => parseHeadingHtml(`<html><body><p>${text}</p></body></html>`, 'fuzz.html'));
}

export function corpusTexts(limitFiles = Number.POSITIVE_INFINITY): { name: string; text: string }[] {
  const seen = new Set<string>();
  const out: { name: string; text: string }[] = [];
  for (const dir of CORPUS_DIRS) {
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((f) => /\.(txt|md|html?)$/.test(f));
    } catch {
      continue;
    }
    for (const f of names.sort()) {
      if (seen.has(f) || out.length >= limitFiles) continue;
      const p = join(dir, f);
      if (statSync(p).size > 3_000_000) continue;
      seen.add(f);
      out.push({ name: f, text: readFileSync(p, 'utf8') });
    }
  }
  return out;
}

/** Tokens of Vietnamese legal texts, so generated texts reach deep into the parsers, not only their first line. */
const TOKENS = [
  'Điều 1.',
  'Điều 5a.',
  'Điều',
  'Chương I',
  'CHƯƠNG II',
  'Mục 1',
  'Phần thứ nhất',
  'PHỤ LỤC',
  'Phụ lục II',
  '1.',
  '2.',
  '3a.',
  'a)',
  'đ)',
  'b1)',
  'khoản 2',
  'điểm a khoản 3 Điều 32',
  'Sửa đổi, bổ sung',
  'Bổ sung',
  'Bãi bỏ',
  'thay thế',
  'như sau:',
  'được sửa đổi, bổ sung như sau:',
  '“',
  '”',
  '"',
  'Căn cứ Luật',
  'Nghị định số 38/2022/NĐ-CP',
  'Thông tư số 09/2022/TT-BLĐTBXH',
  'Luật số 59/2020/QH14',
  'ngày 12 tháng 6 năm 2022',
  'Số: 12/2026/TT-BTEST',
  'THÔNG TƯ',
  'NGHỊ ĐỊNH',
  'LUẬT',
  'QUYẾT ĐỊNH',
  'VĂN BẢN HỢP NHẤT',
  'có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2022',
  'Nơi nhận:',
  'TM. CHÍNH PHỦ',
  'KT. BỘ TRƯỞNG',
  '<p>',
  '</p>',
  '<b>',
  '<table><tr><td>',
  'Đề mục 36.3',
  'Điều 20.5.LQ.1.',
  '(Điều 5 Luật số 59/2020/QH14)',
  '[1]',
  '\t',
  ' ',
  '\n',
  '\n\n',
  '\r\n',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '\u0000',
  'Ð',
  '(((((',
  ')))))',
  ';',
  ',',
  '.',
];

const tokenText = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: 'grapheme' }) }), {
    maxLength: 300,
  })
  .map((parts) => parts.join(' '));
const anyText = fc.oneof(
  { weight: 5, arbitrary: tokenText },
  { weight: 2, arbitrary: fc.string({ maxLength: 400, unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 400, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: fc.constantFrom('(', ')', '“', '”', '.', ' ', 'a', '1', 'Đ', '\n', ':', ';') }) },
);

/** A small deterministic PRNG (mulberry32) for the corpus mutations. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomUnicode(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const pick = r();
    const cp =
      pick < 0.3
        ? Math.floor(r() * 0x80)
        : pick < 0.6
          ? 0x80 + Math.floor(r() * 0x2000)
          : pick < 0.8
            ? 0x1e00 + Math.floor(r() * 0x100)
            : Math.floor(r() * 0x10ffff);
    // Lone surrogates too: a JS string can hold them, and files decoded loosely do.
    s += String.fromCodePoint(cp >= 0xd800 && cp <= 0xdfff && r() < 0.5 ? 0xfffd : cp);
  }
  return s;
}

/** Mutations of one real text: shuffled lines, cut files, random Unicode, huge lines. */
function mutations(text: string, r: () => number): { kind: string; text: string }[] {
  const lines = text.split('\n');
  const shuffled = [...lines];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
  }
  const cut = text.slice(0, Math.floor(r() * text.length));
  const cutMiddle = text.slice(Math.floor(r() * text.length));
  const chars = [...text];
  for (let k = 0; k < 40; k++) chars.splice(Math.floor(r() * chars.length), 0, randomUnicode(r, 1 + Math.floor(r() * 8)));
  const dropLines = lines.filter(() => r() > 0.3);
  const duplicated = lines.flatMap((l) => (r() < 0.2 ? [l, l] : [l]));
  const oneLine = lines.join(' ');
  const deepQuotes = lines.map((l) => (r() < 0.3 ? `“${l}` : l)).join('\n');
  return [
    { kind: 'shuffled-lines', text: shuffled.join('\n') },
    { kind: 'cut-end', text: cut },
    { kind: 'cut-start', text: cutMiddle },
    { kind: 'random-unicode', text: chars.join('') },
    { kind: 'dropped-lines', text: dropLines.join('\n') },
    { kind: 'duplicated-lines', text: duplicated.join('\n') },
    { kind: 'single-line', text: oneLine },
    { kind: 'unbalanced-quotes', text: deepQuotes },
    { kind: 'crlf', text: lines.join('\r\n') },
  ];
}

/** Single lines of about 1 MB: a real text joined, and repetitions that tempt regex backtracking. */
export function hugeLines(corpus: { name: string; text: string }[]): { kind: string; text: string }[] {
  const MB = 1024 * 1024;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  const real = corpus.map((c) => c.text.replace(/\s*\n\s*/g, ' ')).join(' ');
  return [
    { kind: '1MB-corpus-line', text: fill(real || 'Điều 1. ') },
    { kind: '1MB-articles', text: fill('Điều 1. Sửa đổi, bổ sung khoản 2 Điều 3 như sau: “') },
    { kind: '1MB-references', text: fill('Nghị định số 38/2022/NĐ-CP ngày 12 tháng 6 năm 2022 của Chính phủ, ') },
    { kind: '1MB-spaces-dots', text: fill('. . . . 1. a) ') },
    { kind: '1MB-parentheses', text: fill('((((((((((a') },
    { kind: '1MB-letters', text: fill('a') },
    { kind: '1MB-vietnamese', text: fill('ưởng ngữ thiểu đồng ') },
    { kind: '1MB-html', text: fill('<p><b>Điều 20.5.LQ.1. </b>') },
  ];
}

export interface FuzzOptions {
  seed: number;
  /** fast-check generated inputs. */
  generated: number;
  /** Corpus files to mutate (each yields 9 mutations). */
  corpusFiles: number;
  /** Run the 1 MB single lines. */
  huge: boolean;
  /** Mutation rounds per corpus file. */
  rounds?: number;
}

export function runFuzz(options: FuzzOptions): FuzzReport {
  const started = performance.now();
  const crashes: FuzzCrash[] = [];
  let slowest = { fn: '', input: '', ms: 0, length: 0 };
  let cases = 0;
  let calls = 0;
  const hugeLine: FuzzReport['hugeLine'] = [];

  const runCase = (input: string, text: string, huge = false) => {
    cases++;
    pipeline(text, (fn, run) => {
      calls++;
      const t0 = performance.now();
      try {
        return run();
      } catch (e) {
        const err = e as Error;
        if (crashes.filter((c) => c.fn === fn).length < 20)
          crashes.push({
            fn,
            input,
            sample: text.length <= 2000 ? text : `${text.slice(0, 300)}…`,
            length: text.length,
            error: `${err?.name ?? 'Error'}: ${err?.message ?? String(e)} ${(err?.stack ?? '').split('\n').slice(1, 4).join(' | ')}`,
          });
        return undefined;
      } finally {
        const ms = performance.now() - t0;
        if (ms > slowest.ms) slowest = { fn, input, ms: Math.round(ms), length: text.length };
        if (huge) hugeLine.push({ input, fn, ms: Math.round(ms) });
      }
    });
  };

  // 1. Generated texts.
  fc.assert(
    fc.property(anyText, (text) => {
      runCase('generated', text);
    }),
    { seed: options.seed, numRuns: options.generated },
  );

  // 2. Mutations of real texts.
  const corpus = corpusTexts();
  const r = rng(options.seed);
  const picked = corpus.slice(0, options.corpusFiles);
  for (let round = 0; round < (options.rounds ?? 1); round++)
    for (const doc of picked) for (const m of mutations(doc.text, r)) runCase(`${doc.name}:${m.kind}#${round}`, m.text);
  // The originals too, as HTML-wrapped and as-is.
  for (const doc of picked) runCase(`${doc.name}:original`, doc.text);

  // 3. Huge single lines.
  if (options.huge) for (const h of hugeLines(corpus)) runCase(h.kind, h.text, true);

  return {
    cases,
    calls,
    crashes,
    slowest,
    hugeLine: hugeLine.sort((a, b) => b.ms - a.ms).slice(0, 5),
    hugeLineViolations: hugeLine.filter((h) => h.ms >= HUGE_LINE_LIMIT_MS).length,
    corpusFiles: picked.length,
    seed: options.seed,
    durationMs: Math.round(performance.now() - started),
  };
}
