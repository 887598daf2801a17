/** Question terms (domain/text/question.ts): syllables and pairs of syllables, folded, filler pairs left out. */
import fc from 'fast-check';
import { MAX_QUESTION_TERMS, passageTerms, questionTerms, termCounts } from '../../domain/text/question';
import { BM25_ONLY, rankPassages } from '../../domain/text/ranking';

describe('questionTerms', () => {
  it('reads a real question as its syllables and the pairs that carry its meaning, without the asking words', () => {
    const t = questionTerms('Cơ quan nào có thẩm quyền cấp giấy phép kinh doanh karaoke?');
    expect(t.words).toEqual(['co', 'quan', 'nao', 'tham', 'quyen', 'cap', 'giay', 'phep', 'kinh', 'doanh', 'karaoke']);
    expect(t.pairs).toEqual(['co_quan', 'co_tham', 'tham_quyen', 'quyen_cap', 'cap_giay', 'giay_phep', 'phep_kinh', 'kinh_doanh', 'doanh_karaoke']);
  });

  it('gives the same terms with or without diacritics, in any case', () => {
    expect(questionTerms('Mức phạt khi VƯỢT ĐÈN ĐỎ là bao nhiêu?')).toEqual(questionTerms('muc phat khi vuot den do la bao nhieu'));
  });

  it('drops filler pairs and the pairs that touch them, but keeps their syllables', () => {
    const t = questionTerms('Thời hiệu khởi kiện được quy định như thế nào?');
    expect(t.pairs).toEqual(['thoi_hieu', 'hieu_khoi', 'khoi_kien']);
    expect(t.words).toEqual(expect.arrayContaining(['quy', 'dinh', 'nhu', 'the', 'nao']));
  });

  it('never pairs syllables across punctuation', () => {
    expect(questionTerms('hợp đồng, lao động').pairs).toEqual(['hop_dong', 'lao_dong']);
  });

  it('reads at most MAX_QUESTION_TERMS terms, syllables first', () => {
    const long = Array.from({ length: 80 }, (_, i) => `từ${i}`).join(' ');
    const t = questionTerms(long);
    expect(t.words).toHaveLength(MAX_QUESTION_TERMS);
    expect(t.pairs).toEqual([]);
    expect(questionTerms('?!').words).toEqual([]);
  });
});

describe('passageTerms', () => {
  it('repeats terms as they occur, pairs inside each stretch of text, filler pairs kept (they are text here)', () => {
    expect(passageTerms('Giấy phép kinh doanh karaoke; giấy phép được quy định')).toEqual([
      'giay',
      'phep',
      'kinh',
      'doanh',
      'karaoke',
      'giay',
      'phep',
      'duoc',
      'quy',
      'dinh',
      'giay_phep',
      'phep_kinh',
      'kinh_doanh',
      'doanh_karaoke',
      'giay_phep',
      'phep_duoc',
      'duoc_quy',
      'quy_dinh',
    ]);
  });

  it('matches the question’s pairs: the same reading on both sides', () => {
    const passage = new Set(passageTerms('Cơ quan có thẩm quyền cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke'));
    const q = questionTerms('co quan nao co tham quyen cap giay phep kinh doanh karaoke');
    expect(q.pairs.filter((p) => passage.has(p))).toEqual(['co_quan', 'co_tham', 'tham_quyen', 'quyen_cap', 'cap_giay', 'giay_phep', 'kinh_doanh']);
  });
});

describe('rankPassages', () => {
  const words = fc.constantFrom('thẩm', 'quyền', 'cấp', 'giấy', 'phép', 'lao', 'động', 'karaoke', 'Đất', 'đai', '12a', 'x');
  const text = fc.array(fc.tuple(words, fc.constantFrom(' ', ' ', ', ', '. ', '\n', ' - ', '(')), { maxLength: 40 }).map((xs) => xs.flat().join(''));

  it('counts what passageTerms counts: the number of terms and the frequency of the wanted ones', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(words, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' ')),
        (passage, q) => {
          const t = questionTerms(q);
          const wanted = new Map([...t.words, ...t.pairs].map((x) => [x, 1]));
          const all = passageTerms(passage);
          const expected = new Map<string, number>();
          for (const x of all) if (wanted.has(x)) expected.set(x, (expected.get(x) ?? 0) + 1);
          const got = termCounts(passage, wanted, new Set(t.words));
          expect(got.length).toBe(all.length);
          expect(new Map([...got.tf].sort())).toEqual(new Map([...expected].sort()));
        },
      ),
    );
  });

  it('scores with FTS5’s bm25 formula, the rare pair above the common words, ties in the order given', () => {
    const stats = {
      rows: 1000,
      avgdl: 10,
      df: new Map([
        ['giay', 400],
        ['phep', 400],
        ['giay_phep', 20],
        ['karaoke', 3],
      ]),
    };
    const ranked = rankPassages(
      [
        { item: 'a', heading: null, text: 'giấy và phép', title: null, typeRank: 1 },
        { item: 'b', heading: null, text: 'giấy phép', title: null, typeRank: 1 },
        { item: 'c', heading: null, text: 'giấy phép karaoke', title: null, typeRank: 1 },
        { item: 'd', heading: null, text: 'không liên quan', title: null, typeRank: 1 },
        { item: 'e', heading: null, text: 'không liên quan', title: null, typeRank: 1 },
      ],
      { words: ['giay', 'phep', 'karaoke'], pairs: ['giay_phep'], triples: [] },
      stats,
      BM25_ONLY,
    );
    expect(ranked.map((r) => r.item)).toEqual(['c', 'b', 'a', 'd', 'e']);
    // "giấy phép": 3 terms (2 syllables, 1 pair); idf(n) = ln((N − n + 0.5)/(n + 0.5)); tf 1 each.
    const idf = (n: number) => Math.log((1000 - n + 0.5) / (n + 0.5));
    const factor = (1 * 2.2) / (1 + 1.2 * (1 - 0.75 + (0.75 * 3) / 10));
    expect(ranked[1]?.score).toBeCloseTo((idf(400) * 2 + idf(20)) * factor, 10);
    expect(ranked[3]?.score).toBe(0);
  });
});
