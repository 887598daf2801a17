/**
 * The format linter: each rule on hand-made parse results (positive and negative cases), the strict mode, a
 * property (never throws, lines always inside the text), then real texts — the sample corpus and fixtures through
 * the parser, and excerpts of the development corpus with the slips they really contain.
 */
import type { ConsolidatedSource, Reference } from '../../domain/parse/references';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { LINT_CODES, lint, lintArticleText, RULES } from '../../domain/lint';
import { parseNum, parseOrdinalWords, parseRoman, toRoman } from '../../domain/lint/numbers';
import type { Diagnostic, UnitKind } from '../../domain/model';
import { parseDocument } from '../../domain/parse/parse';
import type { ParsedUnit, ParseResult } from '../../domain/parse/types';
import { readDocument } from '../../domain/parse/formats';
import { SAMPLE_DIR } from '../support/fixtures';

// ---------------------------------------------------------------------------------------------------------------
// Builders: a tree of specs laid out line by line into a ParseResult, as the parser would number its lines.

interface Spec {
  kind: UnitKind;
  num: string;
  heading: string | null;
  text: string;
  children: Spec[];
}
type Child = Spec | string;

const spec = (kind: UnitKind, num: string, heading: string | null, children: Child[]): Spec => ({
  kind,
  num,
  heading,
  text: children.filter((c): c is string => typeof c === 'string').join('\n'),
  children: children.filter((c): c is Spec => typeof c !== 'string'),
});
const part = (num: string, ...children: Child[]) => spec('part', num, 'PHẦN', children);
const chapter = (num: string, ...children: Child[]) => spec('chapter', num, 'NHỮNG QUY ĐỊNH CHUNG', children);
const section = (num: string, ...children: Child[]) => spec('section', num, 'MỤC', children);
const article = (num: string, heading: string | null, ...children: Child[]) => spec('article', num, heading, children);
const clause = (num: string, ...children: Child[]) => spec('clause', num, null, children);
const point = (num: string, ...children: Child[]) => spec('point', num, null, children);
const attachment = (num: string, ...children: Child[]) => spec('attachment', num, 'QUY ĐỊNH', children);

/** The line a unit starts with, as printed. */
function markerLine(s: Spec): string {
  switch (s.kind) {
    case 'article':
      return `Điều ${s.num}.${s.heading ? ` ${s.heading}` : ''}`;
    case 'clause':
      return `${s.num}.`;
    case 'point':
      return `${s.num})`;
    case 'chapter':
      return `Chương ${s.num}`;
    case 'section':
      return `Mục ${s.num}`;
    case 'part':
      return `Phần ${s.num}`;
    default:
      return s.heading ?? s.kind.toUpperCase();
  }
}

interface DocOptions {
  preamble?: string[];
  number?: string | null;
  issued?: string | null;
  type?: ParseResult['metadata']['type'];
}

function build(specs: Spec[], opts: DocOptions = {}): ParseResult {
  const lines: string[] = ['THÔNG TƯ'];
  const preamble = (opts.preamble ?? []).map((text) => {
    lines.push(text);
    return { text, line: lines.length };
  });
  const lay = (s: Spec, path: string): ParsedUnit => {
    const eId = `${path}${s.kind}_${s.num}`;
    const textLines = s.text ? s.text.split('\n') : [];
    // Clauses and points print their first text line on the marker line, as in real texts.
    const inline = (s.kind === 'clause' || s.kind === 'point') && textLines.length > 0;
    lines.push(inline ? `${markerLine(s)} ${textLines[0]}` : markerLine(s));
    const line = lines.length;
    for (const t of inline ? textLines.slice(1) : textLines) lines.push(t);
    const children = s.children.map((c) => lay(c, `${eId}__`));
    return { kind: s.kind, num: s.num, eId, heading: s.heading, text: s.text, children, line, endLine: lines.length, label: markerLine(s), notes: [] };
  };
  const units = specs.map((s) => lay(s, ''));
  return {
    format: 'text',
    metadata: {
      number: opts.number === undefined ? '12/2024/TT-BTC' : opts.number,
      type: opts.type ?? 'thong_tu',
      title: 'Thông tư thử nghiệm',
      issuers: ['BỘ TÀI CHÍNH'],
      place: 'Hà Nội',
      issued: opts.issued === undefined ? '2024-03-01' : opts.issued,
      scope: 'central',
      legalBases: [],
      consolidates: [],
      signer: null,
    },
    lines,
    preamble,
    units,
    signature: null,
    notes: [],
    diagnostics: [],
  };
}

/** An article that says when the document takes effect, so that other rules can be looked at alone. */
const inForce = (num = '99') => article(num, 'Hiệu lực thi hành', 'Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2024.');
const withCode = (ds: Diagnostic[], prefix: string) => ds.filter((d) => d.code.startsWith(prefix));
const codesOf = (ds: Diagnostic[]) => ds.map((d) => d.code);
/** The line of `result.lines` that holds `needle` (1-based). */
const lineOf = (r: ParseResult, needle: string) => r.lines.findIndex((l) => l.includes(needle)) + 1;

// ---------------------------------------------------------------------------------------------------------------

describe('numbers', () => {
  it('reads every canonical Roman numeral from I to XXXIX and refuses malformed ones', () => {
    for (let n = 1; n <= 39; n++) expect(parseRoman(toRoman(n))).toBe(n);
    expect(parseRoman('XLIV')).toBe(44);
    for (const bad of ['IIII', 'IIV', 'VX', 'IC', 'XXXXX', '', 'iv', 'IVI']) expect(parseRoman(bad)).toBeNull();
  });

  it('reads part ordinals written in words', () => {
    expect(parseOrdinalWords('thứ nhất')).toBe(1);
    expect(parseOrdinalWords('THỨ HAI')).toBe(2);
    expect(parseOrdinalWords('thứ tư')).toBe(4);
    expect(parseOrdinalWords('thứ mười hai')).toBe(12);
    expect(parseOrdinalWords('thứ hai mươi')).toBeNull();
  });

  it('ranks point letters in the Vietnamese order and marks f, j, w, z', () => {
    expect(parseNum('point', 'đ')).toEqual({ base: 5, sub: 0 });
    expect(parseNum('point', 'e')).toEqual({ base: 6, sub: 0 });
    expect(parseNum('point', 'g')).toEqual({ base: 7, sub: 0 });
    expect(parseNum('point', 'c1')).toEqual({ base: 3, sub: 1 });
    expect(parseNum('point', 'f')?.invalidLetter).toBe('f');
    expect(parseNum('article', '6a')).toEqual({ base: 6, sub: 1 });
    expect(parseNum('chapter', 'IV')).toEqual({ base: 4, sub: 0 });
    expect(parseNum('chapter', '4')).toEqual({ base: 4, sub: 0 });
    expect(parseNum('clause', '1.1')).toBeNull();
  });
});

describe('the registry', () => {
  it('lists each rule once with its stable codes, all documented in the README table', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'domain', 'lint', 'README.md'), 'utf8');
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    expect(new Set(LINT_CODES).size).toBe(LINT_CODES.length);
    for (const code of LINT_CODES) expect(readme).toContain(`| \`${code}\` |`);
  });
});

describe('numbering', () => {
  it('accepts a well-numbered law: Roman chapters, articles through the document, clauses and points', () => {
    const r = build([
      chapter('I', article('1', 'Phạm vi điều chỉnh', 'Luật này quy định...'), article('2', 'Đối tượng áp dụng', clause('1', 'A.'), clause('2', 'B.'))),
      chapter(
        'II',
        article(
          '3',
          'Giải thích từ ngữ',
          clause('1', 'Gồm:', point('a', 'x;'), point('b', 'y;'), point('c', 'z;'), point('d', 'u;'), point('đ', 'v;'), point('e', 'w;'), point('g', 't.')),
        ),
        inForce('4'),
      ),
    ]);
    expect(lint(r)).toEqual([]);
  });

  it('treats inserted numbers as legitimate: 6a after 6, 1a after 1, c1 after c, đ1 after đ', () => {
    const r = build([
      ...['1', '2', '3', '4', '5'].map((n) => article(n, 'A', 'x')),
      article(
        '6',
        'B',
        clause(
          '1',
          'x',
          point('a', 'x'),
          point('b', 'x'),
          point('c', 'x'),
          point('c1', 'x'),
          point('d', 'x'),
          point('đ', 'x'),
          point('đ1', 'x'),
          point('e', 'x'),
        ),
        clause('1a', 'x'),
        clause('2', 'x'),
      ),
      article('6a', 'C', 'x'),
      article('6b', 'D', 'x'),
      article('7', 'E', 'x'),
    ]);
    expect(withCode(lint(r), 'numbering.')).toEqual([]);
  });

  it('reports a skipped article, with the line of the article after the gap', () => {
    const r = build([article('1', 'A', 'x'), article('2', 'B', 'x'), article('4', 'C', 'x')]);
    const [d] = withCode(lint(r), 'numbering.');
    expect(d).toEqual({
      code: 'numbering.gap',
      severity: 'error',
      message: 'article numbers jump from Điều 2 to Điều 4 (Điều 3 missing)',
      line: lineOf(r, 'Điều 4.'),
    });
  });

  it('names the unit like a citation: Điều 5, khoản 2: point letters jump from b) to d)', () => {
    const r = build([
      article('1', 'A', 'x'),
      article('2', 'A', 'x'),
      article('3', 'A', 'x'),
      article('4', 'A', 'x'),
      article('5', 'B', clause('1', 'x'), clause('2', 'x', point('a', 'x'), point('b', 'x'), point('d', 'x'))),
    ]);
    expect(withCode(lint(r), 'numbering.')).toEqual([
      { code: 'numbering.gap', severity: 'error', message: 'Điều 5, khoản 2: point letters jump from b) to d) (c) missing)', line: lineOf(r, 'd) x') },
    ]);
  });

  it('follows the Vietnamese alphabet: đ) comes between d) and e), g) right after e)', () => {
    const skipD = build([
      article('1', 'A', clause('1', 'x', point('a', 'x'), point('b', 'x'), point('c', 'x'), point('d', 'x'), point('e', 'x'), point('g', 'x'))),
    ]);
    expect(withCode(lint(skipD), 'numbering.').map((d) => d.message)).toEqual(['Điều 1, khoản 1: point letters jump from d) to e) (đ) missing)']);
  });

  it('goes on after y) with a1), b1) in a list longer than the alphabet', () => {
    const letters = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y', 'a1', 'b1', 'c1'];
    const r = build([article('1', 'A', clause('1', 'x', ...letters.map((l) => point(l, 'x'))))]);
    expect(withCode(lint(r), 'numbering.')).toEqual([]);
    const jump = build([article('1', 'A', clause('1', 'x', ...[...letters.slice(0, 24), 'c1'].map((l) => point(l, 'x'))))]);
    expect(withCode(lint(jump), 'numbering.').map((d) => d.message)).toEqual(['Điều 1, khoản 1: point letters jump from a1) to c1) (b1) missing)']);
  });

  it('reports a duplicate once, with the line of the first one', () => {
    const r = build([article('1', 'A', clause('1', 'x'), clause('2', 'first'), clause('2', 'second'), clause('3', 'x'))]);
    expect(withCode(lint(r), 'numbering.')).toEqual([
      {
        code: 'numbering.duplicate',
        severity: 'error',
        message: `Điều 1: khoản 2 appears twice (also at line ${lineOf(r, '2. first')})`,
        line: lineOf(r, '2. second'),
      },
    ]);
  });

  it('reports a number out of order once, without a gap for a number printed elsewhere', () => {
    const r = build([article('1', 'A', clause('1', 'x'), clause('3', 'x'), clause('2', 'x'), clause('4', 'x'))]);
    expect(withCode(lint(r), 'numbering.').map((d) => [d.code, d.message])).toEqual([['numbering.order', 'Điều 1: khoản 2 comes after khoản 3']]);
  });

  it('reports a list that does not start at 1, and an inserted number whose base is missing', () => {
    const r = build([article('1', 'A', clause('2', 'x'), clause('3', 'x')), article('2', 'B', 'x'), article('3a', 'C', 'x')]);
    expect(withCode(lint(r), 'numbering.').map((d) => d.message)).toEqual([
      'Điều 1: clause numbers start at khoản 2 (khoản 1 missing)',
      'article numbers jump from Điều 2 to Điều 3a (Điều 3 missing)',
    ]);
  });

  it('checks chapters in Roman and in Arabic numerals', () => {
    const roman = build([chapter('I', article('1', 'A', 'x')), chapter('II', article('2', 'A', 'x')), chapter('IV', article('3', 'A', 'x'))]);
    expect(withCode(lint(roman), 'numbering.').map((d) => d.message)).toEqual(['chapter numbers jump from Chương II to Chương IV (Chương III missing)']);
    const arabic = build([chapter('1', article('1', 'A', 'x')), chapter('2', article('2', 'A', 'x')), chapter('3', article('3', 'A', 'x'))]);
    expect(withCode(lint(arabic), 'numbering.')).toEqual([]);
    const long = Array.from({ length: 39 }, (_, i) => chapter(toRoman(i + 1), article(String(i + 1), 'A', 'x')));
    expect(withCode(lint(build(long)), 'numbering.')).toEqual([]);
  });

  it('numbers sections within their chapter, and chapters through parts (or again from I in a new part)', () => {
    const r = build([
      part('1', chapter('I', section('1', article('1', 'A', 'x')), section('2', article('2', 'A', 'x'))), chapter('II', section('1', article('3', 'A', 'x')))),
      part('2', chapter('III', article('4', 'A', 'x'))),
      part('3', chapter('I', article('5', 'A', 'x'))),
    ]);
    expect(withCode(lint(r), 'numbering.')).toEqual([]);
    const gap = build([chapter('I', section('1', article('1', 'A', 'x')), section('3', article('2', 'A', 'x')))]);
    expect(withCode(lint(gap), 'numbering.').map((d) => d.message)).toEqual(['Chương I: section numbers jump from Mục 1 to Mục 3 (Mục 2 missing)']);
  });

  it('restarts article numbering inside an attached regulation', () => {
    const r = build([article('1', 'Ban hành', 'x'), article('2', 'Hiệu lực', 'x'), attachment('1', article('1', 'A', 'x'), article('2', 'B', 'x'))]);
    expect(withCode(lint(r), 'numbering.')).toEqual([]);
    const gap = build([article('1', 'Ban hành', 'x'), attachment('1', article('1', 'A', 'x'), article('3', 'B', 'x'))]);
    expect(withCode(lint(gap), 'numbering.').map((d) => d.message)).toEqual([
      'Văn bản kèm theo 1: article numbers jump from Điều 1 to Điều 3 (Điều 2 missing)',
    ]);
  });

  it('puts back a clause number left in the text of the clause before (the parser only takes rising numbers)', () => {
    const swallowed = [
      'Các cơ quan khác có liên quan.',
      '1. Giao Ủy ban nhân dân Thành phố tổ chức thực hiện.',
      '2. Giao Thường trực giám sát.',
      '3. Đề nghị Mặt trận.',
      '4. Đề nghị Văn phòng.',
    ];
    const r = build([article('1', 'A', 'x'), article('2', 'B', 'x'), article('3', 'Tổ chức thực hiện', clause('5', swallowed.join('\n')))]);
    const ds = withCode(lint(r), 'numbering.');
    expect(ds).toEqual([{ code: 'numbering.order', severity: 'error', message: 'Điều 3: khoản 1 comes after khoản 5', line: lineOf(r, '1. Giao') }]);
  });

  it('leaves markers inside quotations alone (an amending text quotes the target’s clauses)', () => {
    const r = build([
      article('1', 'Sửa đổi', clause('1', 'Sửa đổi khoản 2 Điều 5 như sau:\n“2. Người lao động được hưởng chế độ.\n1. Câu trích dẫn khác.”'), clause('2', 'x')),
    ]);
    expect(withCode(lint(r), 'numbering.')).toEqual([]);
  });
});

describe('point.letter_invalid', () => {
  it('reports points lettered f, j, w or z, and says what follows', () => {
    const r = build([
      article(
        '1',
        'A',
        clause('1', 'x', point('a', 'x'), point('b', 'x'), point('c', 'x'), point('d', 'x'), point('đ', 'x'), point('e', 'x'), point('f', 'x')),
      ),
    ]);
    expect(withCode(lint(r), 'point.')).toEqual([
      {
        code: 'point.letter_invalid',
        severity: 'error',
        message: 'Điều 1, khoản 1: point f) is not in the Vietnamese sequence a b c d đ e g h i k l m n o p q r s t u v x y; after e) comes g)',
        line: lineOf(r, 'f) x'),
      },
    ]);
    for (const l of ['j', 'w', 'z']) expect(codesOf(lint(build([article('1', 'A', clause('1', 'x', point(l, 'x')))])))).toContain('point.letter_invalid');
  });

  it('reports a stray f) line left in a unit’s text', () => {
    const r = build([article('1', 'A', clause('1', 'Gồm:', point('e', 'Tổ chức.\nf) Các trường hợp khác.')))]);
    const [d] = withCode(lint(r), 'point.');
    expect(d?.line).toBe(lineOf(r, 'f) Các'));
    expect(d?.message).toBe('Điều 1, khoản 1, điểm e: a point lettered f) (not in the Vietnamese sequence; after e) comes g))');
  });

  it('never flags the Vietnamese letters, đ included', () => {
    const letters = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'];
    const r = build([article('1', 'A', clause('1', 'x', ...letters.map((l) => point(l, 'x'))))]);
    expect(withCode(lint(r), 'point.')).toEqual([]);
    expect(withCode(lint(r), 'numbering.')).toEqual([]);
  });
});

describe('article.heading_missing and unit.empty', () => {
  it('warns about an article without a heading, and not about one with a heading', () => {
    const r = build([article('1', null, 'Quyền tự do hội họp của nhân dân được tôn trọng.'), article('2', 'Phạm vi', 'x')]);
    expect(withCode(lint(r), 'article.')).toEqual([{ code: 'article.heading_missing', severity: 'warning', message: 'Điều 1 has no heading', line: 2 }]);
  });

  it('warns about a clause or point with a number and nothing else', () => {
    const r = build([article('1', 'A', clause('1', 'x'), clause('2'), clause('3', 'x', point('a'), point('b', 'x')))]);
    expect(withCode(lint(r), 'unit.').map((d) => d.message)).toEqual([
      'Điều 1, khoản 2 has a number but no text',
      'Điều 1, khoản 3, điểm a has a number but no text',
    ]);
    expect(withCode(lint(build([article('1', 'A', clause('1', '(được bãi bỏ)'))])), 'unit.')).toEqual([]);
  });
});

describe('effective.missing', () => {
  it('warns on a draft without a provision on entry into force, and errs in strict mode', () => {
    const r = build([article('1', 'Phạm vi', 'x')]);
    expect(withCode(lint(r), 'effective.')).toEqual([expect.objectContaining({ code: 'effective.missing', severity: 'warning' })]);
    expect(withCode(lint(r, { strict: true }), 'effective.')).toEqual([expect.objectContaining({ code: 'effective.missing', severity: 'error' })]);
  });

  it('finds the provision in a text or in a heading', () => {
    for (const text of [
      'Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2024.',
      'Quyết định này có hiệu lực kể từ ngày ký.',
      'Hiệu lực kể từ ngày ban hành.',
    ]) {
      expect(withCode(lint(build([article('1', 'Điều khoản thi hành', text)])), 'effective.')).toEqual([]);
    }
    expect(withCode(lint(build([article('1', 'Hiệu lực thi hành', clause('1', 'Từ ngày 01/7/2024.'))])), 'effective.')).toEqual([]);
  });

  it('is not satisfied by "có hiệu lực pháp luật" (a judgment in force)', () => {
    const r = build([article('1', 'Án phí', 'Bản án đã có hiệu lực pháp luật.')]);
    expect(codesOf(lint(r))).toContain('effective.missing');
  });
});

describe('number.*', () => {
  const numbered = (number: string | null, issued: string | null = null, strict = false) =>
    withCode(lint(build([inForce()], { number, issued }), { strict }), 'number.');

  it('accepts the normative and consolidated forms', () => {
    for (const n of [
      '59/2020/QH14',
      '09/2022/TT-BLĐTBXH',
      '01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH',
      '51/2025/NQ-HĐND',
      '17/2022/UBTVQH15',
      '28/2021/QĐ-TTg',
      '38/2022/NĐ-CP',
      '1676/VBHN-BLĐTBXH',
      '19/VBHN-VPQH',
    ]) {
      expect([n, numbered(n)]).toEqual([n, []]);
    }
  });

  it('reports a missing number as a warning, an error in strict mode', () => {
    expect(numbered(null)).toEqual([expect.objectContaining({ code: 'number.missing', severity: 'warning' })]);
    expect(numbered('', null, true)).toEqual([expect.objectContaining({ code: 'number.missing', severity: 'error' })]);
  });

  it('reports numbers that follow no form', () => {
    for (const n of ['59-2020-QH14', '59/20/QH14', '59/2020/qh14', '59/2020', 'Số 59', '101-SL/L.003', '59/2020/QH14/']) {
      expect([n, codesOf(numbered(n))]).toEqual([n, ['number.malformed']]);
    }
    expect(numbered('5/1900/QH1')).toEqual([
      expect.objectContaining({ code: 'number.malformed', message: 'Number "5/1900/QH1": 1900 is not a plausible year of issue' }),
    ]);
    expect(numbered('59-2020-QH14', null, true)[0]?.severity).toBe('error');
  });

  it('notes the administrative form without a year (an individual decision)', () => {
    expect(numbered('169/QĐ-BLĐTBXH')).toEqual([expect.objectContaining({ code: 'number.no_year', severity: 'info' })]);
  });

  it('warns when the year in the number is not the year of issue', () => {
    expect(numbered('09/2022/TT-BLĐTBXH', '2023-01-05')).toEqual([
      { code: 'number.year_mismatch', severity: 'warning', message: 'Number "09/2022/TT-BLĐTBXH" carries the year 2022 but the document is dated 2023-01-05' },
    ]);
    expect(numbered('09/2022/TT-BLĐTBXH', '2022-05-25')).toEqual([]);
  });
});

describe('quotes', () => {
  it('accepts a quotation that opens in one clause and closes in a later clause of the same article', () => {
    const r = build([
      article(
        '1',
        'Sửa đổi',
        clause('1', 'Sửa đổi Điều 5 như sau:\n“Điều 5. Phạm vi', point('a', 'x;')),
        clause('2', 'nội dung mới.”'),
        clause('3', 'Thay cụm từ “cấp huyện” bằng “cấp xã”.'),
      ),
      inForce(),
    ]);
    expect(withCode(lint(r), 'quote.')).toEqual([]);
  });

  it('reports a quotation still open at the end of its article, at the line where it opened', () => {
    const r = build([
      article('1', 'Sửa đổi', clause('1', 'Sửa đổi như sau:', point('a', 'x')), clause('2', 'Bổ sung:\n“1. Số tiền hỗ trợ:', point('b', 'y'))),
      article('2', 'B', 'x'),
    ]);
    expect(withCode(lint(r), 'quote.')).toEqual([
      {
        code: 'quote.unterminated',
        severity: 'warning',
        message: 'Điều 1, khoản 2: “ opened here is not closed by the end of Điều 1',
        line: lineOf(r, '“1. Số tiền'),
      },
    ]);
    expect(withCode(lint(r, { strict: true }), 'quote.')[0]?.severity).toBe('error');
  });

  it('reports a closing mark with nothing open, and a quotation that spills into the next article', () => {
    const r = build([article('1', 'A', 'Cụm từ cấp huyện” được thay.'), article('2', 'B', '“Mở ở đây'), article('3', 'C', 'đóng ở đây.”')]);
    expect(withCode(lint(r), 'quote.').map((d) => [d.code, d.line])).toEqual([
      ['quote.unbalanced', lineOf(r, 'cấp huyện”')],
      ['quote.unterminated', lineOf(r, '“Mở')],
      ['quote.unbalanced', lineOf(r, 'đóng ở đây')],
    ]);
  });

  it('takes ±30” for a unit, and a quotation typed with one straight and one curly mark for one quotation', () => {
    const r = build([article('1', 'A', 'Sai số không vượt quá ±30”;\nc) "Công ty liên kết” là công ty;\n6. “Khối chân đế" là kết cấu.')]);
    expect(withCode(lint(r), 'quote.')).toEqual([]);
  });

  it('pairs straight quotes too', () => {
    expect(withCode(lint(build([article('1', 'A', 'Cụm từ "kế hoạch" bằng "kế hoạch sử dụng đất".')])), 'quote.')).toEqual([]);
    const r = build([article('1', 'A', 'Cụm từ "kế hoạch bằng cụm từ khác.')]);
    expect(withCode(lint(r), 'quote.').map((d) => d.message)).toEqual(['Điều 1: " opened here is not closed by the end of Điều 1']);
  });
});

describe('preamble.punctuation', () => {
  const withPreamble = (preamble: string[]) => withCode(lint(build([inForce()], { preamble })), 'preamble.');

  it('accepts a well-punctuated preamble with hard-wrapped entries', () => {
    expect(
      withPreamble([
        'Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;',
        'Căn cứ Nghị định số 14/2017/NĐ-CP ngày 17 tháng 02 năm 2017 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn,',
        'và cơ cấu tổ chức của Bộ Lao động - Thương binh và Xã hội;',
        'Thực hiện Quyết định số 90/QĐ-TTg ngày 18 tháng 01 năm 2022 của Thủ',
        'tướng Chính phủ phê duyệt Chương trình;',
        'Theo đề nghị của Chánh Văn phòng Quốc gia về giảm nghèo;',
        'Bộ trưởng Bộ Lao động - Thương binh và Xã hội ban hành Thông tư hướng',
        'dẫn một số nội dung.',
      ]),
    ).toEqual([]);
  });

  it('reports a legal basis ending with a comma or with nothing, at its last line', () => {
    const preamble = [
      'Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015,',
      'Căn cứ Luật Ngân sách nhà nước',
      'ngày 25 tháng 6 năm 2015',
      'Theo đề nghị của Vụ trưởng Vụ Pháp chế;',
      'Chính phủ ban hành Nghị định quy định mức lương.',
    ];
    const ds = withPreamble(preamble);
    expect(ds.map((d) => [d.line, d.message])).toEqual([
      [2, 'Preamble: a legal basis ends with "," instead of ";": "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015,"'],
      [4, 'Preamble: a legal basis ends with no punctuation instead of ";": "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015"'],
    ]);
    expect(ds.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('wants ";" on the last legal basis before "... ban hành ..." and "." at the end of the formula', () => {
    const ds = withPreamble(['Căn cứ Hiến pháp;', 'Theo đề nghị của Bộ trưởng Bộ Tư pháp.', 'Chính phủ ban hành Nghị định quy định chi tiết,']);
    expect(ds.map((d) => d.message)).toEqual([
      'Preamble: the last legal basis before the enacting formula ends with "." instead of ";": "Theo đề nghị của Bộ trưởng Bộ Tư pháp."',
      'Preamble: the enacting formula ends with "," instead of ".": "Chính phủ ban hành Nghị định quy định chi tiết,"',
    ]);
  });

  it('lets the last legal basis end with "." before a heading formula (QUYẾT ĐỊNH:), which ends with ":"', () => {
    expect(withPreamble(['Căn cứ Luật Tổ chức chính quyền địa phương;', 'Theo đề nghị của Vụ trưởng Vụ Pháp chế.', 'QUYẾT ĐỊNH:'])).toEqual([]);
    expect(withPreamble(['Căn cứ Luật Tổ chức chính quyền địa phương;', 'QUYẾT ĐỊNH'])).toEqual([
      expect.objectContaining({ message: 'Preamble: "QUYẾT ĐỊNH" should end with ":"' }),
    ]);
  });

  it('reads markdown emphasis and footnote markers of consolidated texts', () => {
    expect(
      withPreamble([
        '*Căn cứ Luật Thủy sản',
        'số 18/2017/QH14;*',
        'Căn cứ Nghị định số 27/2022/NĐ-CP;2',
        '*Hội đồng nhân dân ban hành Nghị quyết bố trí lực',
        'lượng.*',
      ]),
    ).toEqual([]);
  });

  it('does not split an entry at a wrapped line that starts with a lower-case "thực hiện"', () => {
    expect(
      withPreamble([
        'Căn cứ Nghị định số 34/2016/NĐ-CP quy định chi tiết và biện pháp',
        'thực hiện Luật Ban hành văn bản quy phạm pháp luật;',
        'Chính phủ ban hành Nghị định.',
      ]),
    ).toEqual([]);
  });
});

describe('lint as a whole', () => {
  it('sorts diagnostics by line, document-level findings first', () => {
    const r = build([article('2', null, clause('1', 'x'), clause('3', 'x')), article('1', 'A', '“mở')], { number: null });
    const ds = lint(r);
    expect(ds.slice(0, 2).map((d) => d.line)).toEqual([undefined, undefined]);
    const lines = ds.map((d) => d.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(codesOf(ds)).toEqual(
      expect.arrayContaining(['number.missing', 'effective.missing', 'numbering.gap', 'numbering.order', 'article.heading_missing', 'quote.unterminated']),
    );
  });

  it('leaves out a line that points outside the text', () => {
    const r = build([article('1', null, 'x')]);
    (r.units[0] as ParsedUnit).line = 500;
    expect(withCode(lint(r), 'article.')).toEqual([{ code: 'article.heading_missing', severity: 'warning', message: 'Điều 1 has no heading' }]);
  });

  it('never throws on arbitrary trees, and every line it gives is a line of the text', () => {
    const kinds: UnitKind[] = ['part', 'chapter', 'section', 'subsection', 'article', 'clause', 'point', 'attachment', 'appendix'];
    const nums = fc.oneof(
      fc.constantFrom('1', '2', '3', '6a', 'I', 'II', 'IV', 'XXXIX', 'a', 'b', 'đ', 'f', 'c1', 'y', 'a1', 'thứ nhất', '', '1.1', '0', 'IIII'),
      fc.string({ maxLength: 4 }),
    );
    const texts = fc.oneof(
      fc.constantFrom('', 'x', '“mở', 'đóng”', '"', '1. Giao\n2. Bàn', 'f) lạc', 'có hiệu lực', 'Điều 3. Tên\n5. Năm', '\n\n'),
      fc.string({ maxLength: 30 }),
    );
    const unitAt = (depth: number): fc.Arbitrary<ParsedUnit> =>
      fc.record({
        kind: fc.constantFrom(...kinds),
        num: nums,
        eId: fc.constant('x'),
        heading: fc.option(texts, { nil: null }),
        text: texts,
        children: depth <= 0 ? fc.constant([]) : fc.array(unitAt(depth - 1), { maxLength: 3 }),
        line: fc.integer({ min: -3, max: 60 }),
        endLine: fc.integer({ min: -3, max: 60 }),
        label: fc.constant(''),
        notes: fc.constant<ParsedUnit['notes']>([]),
      });
    const unit = unitAt(3);
    const result = fc.record({
      format: fc.constant('text' as const),
      metadata: fc.record({
        number: fc.option(fc.oneof(fc.constantFrom('59/2020/QH14', '19/VBHN-VPQH', '169/QĐ-BLĐTBXH', '5/0000/X'), fc.string({ maxLength: 20 })), { nil: null }),
        type: fc.constant('luat' as const),
        title: fc.constant(null),
        issuers: fc.constant<string[]>([]),
        place: fc.constant(null),
        issued: fc.option(fc.constantFrom('2020-06-17', '1957-05-20', 'bad'), { nil: null }),
        scope: fc.constant('central' as const),
        legalBases: fc.constant<Reference[]>([]),
        consolidates: fc.constant<ConsolidatedSource[]>([]),
        signer: fc.constant(null),
      }),
      lines: fc.array(texts, { maxLength: 40 }),
      preamble: fc.array(
        fc.record({
          text: fc.oneof(texts, fc.constantFrom('Căn cứ Luật;', 'Căn cứ Luật,', 'Chính phủ ban hành Nghị định', 'QUYẾT ĐỊNH')),
          line: fc.integer({ min: -2, max: 50 }),
        }),
        {
          maxLength: 6,
        },
      ),
      units: fc.array(unit, { maxLength: 5 }),
      signature: fc.constant(null),
      notes: fc.constant<ParseResult['notes']>([]),
      diagnostics: fc.constant<Diagnostic[]>([]),
    });
    fc.assert(
      fc.property(result, fc.boolean(), (r, strict) => {
        const ds = lint(r, { strict });
        for (const d of ds) {
          expect(LINT_CODES).toContain(d.code);
          if (d.line !== undefined) {
            expect(Number.isInteger(d.line)).toBe(true);
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.line).toBeLessThanOrEqual(r.lines.length);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('lintArticleText (one article, e.g. from the Bộ pháp điển)', () => {
  it('reads a draft article and reports what the document linter would', () => {
    const text = ['Điều 5. Trách nhiệm', '1. Bộ Tài chính:', 'a) Hướng dẫn;', 'b) Kiểm tra;', 'd) Báo cáo.', '2. Ủy ban nhân dân cấp tỉnh.'].join('\n');
    expect(lintArticleText(text)).toEqual([
      { code: 'numbering.gap', severity: 'error', message: 'Điều 5, khoản 1: point letters jump from b) to d) (c) missing)', line: 5 },
    ]);
    expect(lintArticleText('Điều 1.\nQuyền tự do hội họp được tôn trọng.')).toEqual([
      { code: 'article.heading_missing', severity: 'warning', message: 'Điều 1 has no heading', line: 1 },
    ]);
  });

  // Bộ pháp điển, đề mục 33.3 "Phí và lệ phí" (corpus/phapdien/demuc/f607aadf-fb26-4b0e-bc95-276da24e5b5d.html.gz):
  // Điều 33.3.NQ.1.11, from Điều 11 of Nghị quyết 326/2016/UBTVQH14 — khoản 1 goes a) … e) then f) for g).
  it('finds the stray f) of Điều 33.3.NQ.1.11 (Nghị quyết 326/2016/UBTVQH14, Điều 11, khoản 1)', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'lint', 'phapdien-33.3-NQ.1.11.txt'), 'utf8');
    const lines = text.split('\n');
    expect(lintArticleText(text)).toEqual([
      {
        code: 'point.letter_invalid',
        severity: 'error',
        message: 'Điều 33.3.NQ.1.11, khoản 1: point f) is not in the Vietnamese sequence a b c d đ e g h i k l m n o p q r s t u v x y; after e) comes g)',
        line: lines.findIndex((l) => l.startsWith('f) Các trường hợp khác')) + 1,
      },
    ]);
  });

  // Bộ pháp điển, đề mục 22.5 "Ngoại hối" (corpus/phapdien/demuc/da0b1767-9a75-469a-b2d9-47038a564c65.html.gz):
  // Điều 22.5.TT.12.12, from Điều 12 of Thông tư 06/2013/TT-NHNN — both lists use the Latin alphabet (… e f g h i j).
  it('finds the Latin-lettered lists of Điều 22.5.TT.12.12 (Thông tư 06/2013/TT-NHNN, Điều 12)', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'lint', 'phapdien-22.5-TT.12.12.txt'), 'utf8');
    const ds = lintArticleText(text);
    expect(ds.map((d) => d.message.replace(/ is not in .*;/, ':'))).toEqual([
      'Điều 22.5.TT.12.12, khoản 1: point f): after e) comes g)',
      'Điều 22.5.TT.12.12, khoản 1: point j): after i) comes k)',
      'Điều 22.5.TT.12.12, khoản 2: point f): after e) comes g)',
      'Điều 22.5.TT.12.12, khoản 2: point j): after i) comes k)',
    ]);
    // No "đ) missing" on top: a Latin-lettered list is reported by its letters only.
    expect(withCode(ds, 'numbering.')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Real documents through the parser.

const FIXTURES = join(__dirname, '..', 'fixtures', 'corpus');
const LINT_FIXTURES = join(__dirname, '..', 'fixtures', 'lint');
/** As ingestion reads and parses an uploaded file. */
async function parseFile(dir: string, file: string): Promise<ParseResult> {
  const { text, format } = await readDocument(file, readFileSync(join(dir, file)));
  return parseDocument(text, format === 'docx' ? 'text' : format);
}
const summary = (ds: Diagnostic[]) => ds.map((d) => `${d.code}${d.line ? `@${d.line}` : ''}: ${d.message}`);

describe('lint on the sample corpus and the fixtures', () => {
  it.each([
    [SAMPLE_DIR, '41-2024-QH15.txt'],
    [SAMPLE_DIR, '45-2019-QH14.txt'],
    [SAMPLE_DIR, '58-2014-QH13.txt'],
    [SAMPLE_DIR, '59-2020-QH14.txt'],
    [SAMPLE_DIR, '84-2015-QH13.txt'],
    [FIXTURES, '58-2014-QH13__congbao.txt'],
    [SAMPLE_DIR, '09-2022-TT-BLDTBXH.txt'],
    [SAMPLE_DIR, '38-2022-ND-CP.txt'],
    [SAMPLE_DIR, '1676-VBHN-BLDTBXH.txt'],
    [SAMPLE_DIR, '74-2025-NQ-HDND-HaNoi.txt'],
    [FIXTURES, '01-2022-TTLT-VKSNDTC-TANDTC-BCA-BQP-BLDTBXH.txt'],
  ])('%s/%s: a clean text, nothing to report', async (dir, file) => {
    expect(summary(lint(await parseFile(dir, file), { strict: true }))).toEqual([]);
  });

  it.each([
    [SAMPLE_DIR, '02-2023-TT-BLDTBXH.txt'],
    [SAMPLE_DIR, '51-2025-NQ-HDND-HaNoi.txt'],
    [SAMPLE_DIR, '169-QD-BLDTBXH.txt'],
    [FIXTURES, '2284-QD-UBND-LamDong.txt'],
  ])('%s/%s: no numbering, letter, quote or preamble finding', async (dir, file) => {
    const ds = lint(await parseFile(dir, file));
    expect(summary(ds.filter((d) => /^(numbering|point|quote|preamble|effective|unit)\./.test(d.code)))).toEqual([]);
  });

  it('notes that an individual decision is numbered without a year (169/QĐ-BLĐTBXH, 2284/QĐ-UBND)', async () => {
    expect(codesOf(lint(await parseFile(SAMPLE_DIR, '169-QD-BLDTBXH.txt')))).toContain('number.no_year');
    expect(codesOf(lint(await parseFile(FIXTURES, '2284-QD-UBND-LamDong.txt')))).toContain('number.no_year');
  });

  // Luật 101-SL/L.003 of 1957 (the freedom of assembly): ten articles with no heading, no provision on entry into
  // force, and a number in the form of its time.
  it('reports what a 1957 law lacks by today’s rules', async () => {
    const r = await parseFile(FIXTURES, '101-SL-L003.txt');
    const ds = lint(r);
    expect(codesOf(ds).filter((c) => c !== 'article.heading_missing')).toEqual(['effective.missing', 'number.malformed']);
    expect(withCode(ds, 'article.heading_missing').map((d) => r.lines[(d.line ?? 0) - 1]?.trim())).toEqual(
      Array.from({ length: 10 }, (_, i) => `Điều ${i + 1}.`),
    );
    expect(withCode(lint(r, { strict: true }), 'effective.')[0]?.severity).toBe('error');
  });

  // Luật 26/2012/QH13 (web rendition): the enacting formula ends with a comma, "... số 04/2007/QH12," (line 7), and the
  // rendition never prints the number. (Its amending clauses quote new text without quotation marks, so the parser
  // takes the quoted clauses for the law's own: the numbering findings there say nothing about the law.)
  it('finds the comma after the enacting formula of Luật 26/2012/QH13', async () => {
    const r = await parseFile(FIXTURES, '26-2012-QH13.txt');
    const ds = lint(r);
    expect(withCode(ds, 'preamble.')).toEqual([
      expect.objectContaining({ line: 7, message: expect.stringContaining('the enacting formula ends with "," instead of "."') }),
    ]);
    expect(codesOf(ds)).toContain('number.missing');
  });
});

describe('real slips in the development corpus (excerpts in test/fixtures/lint, lines as in the source)', () => {
  const read = (f: string) => readFileSync(join(LINT_FIXTURES, f), 'utf8');
  const preambleOf = (f: string, firstLine: number) =>
    read(f)
      .split('\n')
      .map((text, i) => ({ text, line: firstLine + i }))
      .filter((p) => p.text.trim() !== '');
  const withRealPreamble = (f: string, firstLine: number) => {
    const r = build([inForce()]);
    const pre = preambleOf(f, firstLine);
    // Keep the source's line numbers: pad the text so that line N is the source's line N.
    r.lines = Array.from({ length: firstLine - 1 }, () => '');
    for (const l of read(f).split('\n')) r.lines.push(l);
    r.preamble = pre;
    r.units = [];
    return withCode(lint(r), 'preamble.');
  };

  // Thông tư 21/2021/TT-BLĐTBXH, Điều 16 (corpus/docs/21-2021-TT-BLDTBXH.txt, lines 447-482): the first clause has
  // lost its number — "Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 02 năm 2022." is followed by "2.".
  it('Thông tư 21/2021/TT-BLĐTBXH, Điều 16: clauses start at 2', () => {
    expect(lintArticleText(read('21-2021-TT-BLDTBXH.dieu16.txt'))).toEqual([
      { code: 'numbering.gap', severity: 'error', message: 'Điều 16: clause numbers start at khoản 2 (khoản 1 missing)', line: 3 },
    ]);
  });

  // Nghị quyết 55/2025/NQ-HĐND of Hà Nội (corpus/docs/55-2025-NQ-HDND-HaNoi.txt, lines 132-142): clause 5 of
  // Điều 2 is printed under the heading of Điều 3, before Điều 3's own clause 1.
  it('Nghị quyết 55/2025/NQ-HĐND Hà Nội, Điều 3: clause 1 after clause 5', () => {
    expect(lintArticleText(read('55-2025-NQ-HDND-HaNoi.dieu3.txt'))).toEqual([
      { code: 'numbering.order', severity: 'error', message: 'Điều 3: khoản 1 comes after khoản 5', line: 4 },
    ]);
  });

  // Quyết định 97/2025/QĐ-UBND of Quảng Ninh, Điều 1 (corpus/docs/97-2025-QD-UBND-QuangNinh.txt, lines 117-254):
  // the quotations opened at “1. Số tiền hỗ trợ: (line 153) and “a) Mức hỗ trợ (line 195) are never closed.
  it('Quyết định 97/2025/QĐ-UBND Quảng Ninh, Điều 1: two quotations never closed', () => {
    const ds = lintArticleText(read('97-2025-QD-UBND-QuangNinh.dieu1.txt'));
    expect(ds).toEqual([
      {
        code: 'quote.unterminated',
        severity: 'warning',
        message: 'Điều 1, khoản 2: “ opened here is not closed by the end of Điều 1 (2 quotations left open)',
        line: 153 - 116,
      },
    ]);
  });

  // Quyết định 138/2025/QĐ-UBND of Đồng Tháp (corpus/docs/138-2025-QD-UBND-DongThap.txt, lines 87-122): the legal
  // basis "Căn cứ Nghị định số 226/2025/NĐ-CP ... chi tiết thi hành Luật Đất đai." ends with a full stop (line 114)
  // in the middle of the list.
  it('Quyết định 138/2025/QĐ-UBND Đồng Tháp: a legal basis ending with "." mid-list', () => {
    expect(withRealPreamble('138-2025-QD-UBND-DongThap.preamble.txt', 87)).toEqual([
      expect.objectContaining({
        line: 114,
        message: expect.stringContaining('a legal basis ends with "." instead of ";": "Căn cứ Nghị định số 226/2025/NĐ-CP'),
      }),
    ]);
  });

  // Nghị quyết 34/2025/NQ-HĐND of Huế (lines 91-118) and 55/2025/NQ-HĐND of Hà Nội (lines 87-107): the last legal basis
  // ("Theo đề nghị ..." / "Xét Tờ trình ...") ends with "." before "Hội đồng nhân dân ban hành Nghị quyết ...".
  it.each([
    ['34-2025-NQ-HDND-Hue.preamble.txt', 91, 112, 'Theo đề nghị của Ủy ban nhân dân thành phố'],
    ['55-2025-NQ-HDND-HaNoi.preamble.txt', 87, 105, 'Xét Tờ trình số 429/TTr-UBND'],
  ])('%s: the last legal basis ends with "."', (file, first, line, start) => {
    expect(withRealPreamble(file, first)).toEqual([
      expect.objectContaining({
        line,
        message: expect.stringContaining(`the last legal basis before the enacting formula ends with "." instead of ";": "${start}`),
      }),
    ]);
  });
});
