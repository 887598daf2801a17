import fc from 'fast-check';
import { asciiKeepCase, fold, normalizeText, pascalAscii } from '../../domain/text/normalize';
import { makeSnippet, queryTerms, SNIPPET_SCAN_CHARS, SNIPPET_TEXT_CHARS } from '../../domain/text/snippet';

describe('normalizeText', () => {
  it('composes decomposed marks, folds look-alike Đ and plain-spaces odd spaces', () => {
    const decomposed = 'Ða\u0300 N\u0103\u0303ng\u00a0và\u200b\r\nĐiều 1';
    expect(normalizeText(decomposed)).toBe('Đà Nẵng và\nĐiều 1');
  });
});

describe('fold', () => {
  it('removes Vietnamese diacritics and folds đ/Đ to d', () => {
    expect(fold('Thời hạn sử dụng ĐẤT đai')).toBe('thoi han su dung dat dai');
    expect(fold('Ưu tiên Ơn Ỹ')).toBe('uu tien on y');
  });

  it('keeps the length of any NFC text, so offsets map back to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const n = normalizeText(s);
        expect(fold(n)).toHaveLength(n.length);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = fold(normalizeText(s));
        expect(fold(once)).toBe(once);
      }),
    );
  });
});

describe('ASCII names', () => {
  it('spells provinces and symbols in ASCII', () => {
    expect(pascalAscii('Hà Nội')).toBe('HaNoi');
    expect(pascalAscii('Thành phố Đà Nẵng')).toBe('ThanhPhoDaNang');
    expect(asciiKeepCase('TT-BLĐTBXH')).toBe('TT-BLDTBXH');
  });
});

describe('snippets', () => {
  const text = 'Điều 5. Thời hạn sử dụng đất. Đất được Nhà nước giao có thời hạn sử dụng đất là 50 năm.';

  it('splits queries into folded words, ignoring syntax', () => {
    expect(queryTerms('"Thời hạn" (sử*dụng) \\ đất')).toEqual(['thoi', 'han', 'su', 'dung', 'dat']);
  });

  it('highlights every query word inside the window, on the original spelling', () => {
    const s = makeSnippet(text, 'thoi han su dung dat');
    const marked = s.highlights.map(([a, b]) => s.text.slice(a, b));
    expect(marked).toEqual(expect.arrayContaining(['Thời', 'hạn', 'sử', 'dụng', 'đất', 'Đất']));
    expect(marked.every((m) => fold(m) === fold(m).trim())).toBe(true);
  });

  it('matches whole words only', () => {
    const s = makeSnippet('Đất đai và đấtnước', 'dat');
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['Đất']);
  });

  it('cuts long texts around the match with ellipses', () => {
    const long = `${'mở đầu '.repeat(200)}Điều 99. quyền sở hữu trí tuệ ${'kết thúc '.repeat(200)}`;
    const s = makeSnippet(long, 'so huu tri tue', 120);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.text).toContain('sở hữu trí tuệ');
    expect(s.text.length).toBeLessThan(180);
  });

  it('previews a very long text from its first SNIPPET_SCAN_CHARS characters, the same from a prefix as from the whole', () => {
    // The words sit in the first part and again far past the scan; the window is cut at the scan's end.
    const head = `${'mở đầu '.repeat(Math.floor(SNIPPET_SCAN_CHARS / 7) - 3)}quyền sở hữu trí tuệ`;
    const whole = `${head} ${'phụ lục '.repeat(20_000)}quyền sở hữu trí tuệ`;
    const s = makeSnippet(whole, 'so huu tri tue');
    expect(s.text).toContain('sở hữu trí tuệ');
    expect(s.text.endsWith('…')).toBe(true);
    // What an adapter may return (its first SNIPPET_TEXT_CHARS characters, trimmed as the search service trims).
    expect(makeSnippet(whole.slice(0, SNIPPET_TEXT_CHARS).trim(), 'so huu tri tue')).toEqual(s);
  });
});

describe('hostile queries stay cheap', () => {
  it('uses at most 32 distinct words of a query', () => {
    const q = Array.from({ length: 300 }, (_, i) => String(i)).join(' ');
    expect(queryTerms(q)).toHaveLength(32);
  });

  it('cuts a snippet for a 1000-character query over a 400 KB text in linear time', () => {
    const text = Array.from({ length: 40_000 }, (_, i) => `Điều ${i % 300} khoản ${i % 7}`).join(' ');
    const q = Array.from({ length: 270 }, (_, i) => String(i)).join(' ');
    const started = performance.now();
    const s = makeSnippet(text, q);
    // A bound far above the linear cost (a few ms) and far below the quadratic one (seconds).
    expect(performance.now() - started).toBeLessThan(1000);
    expect(s.highlights.length).toBeGreaterThan(0);
  });

  it('folds look-alike letters and ignores zero-width marks in queries as in texts', () => {
    expect(queryTerms('Ðất\u200bđai')).toEqual(
      queryTerms('Đất đai')
        .slice(0, 1)
        .map((t) => `${t}dai`),
    );
    expect(queryTerms('ÐẤT')).toEqual(['dat']);
  });
});
