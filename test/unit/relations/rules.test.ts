/**
 * Each rule of the relation extractor (domain/relations/rules) on real sentences of the corpus: which rule reads
 * them, and the relations it finds. The order of the registry is part of the behaviour (the first rule that reads a
 * paragraph ends its turn), so the list is checked too.
 */
import { extractContext, type Paragraph } from '../../../domain/relations/context';
import { AFTER_BODY, BEFORE_BODY, PARAGRAPH_RULES } from '../../../domain/relations/rules';
import { parseDocument } from '../../../domain/parse/parse';

const WORK = { id: '99-2025-QH15', number: '99/2025/QH15', type: 'luat' as const, effective: '2025-07-01', issued: '2025-06-01' };

/** The rule that reads a sentence of an article, and the relations found (type, target, unit, from, to). */
function read(sentence: string, head = '') {
  const parsed = parseDocument(`QUỐC HỘI\nLuật số: 99/2025/QH15\nLUẬT\nTHỬ NGHIỆM\nĐiều 1. Điều khoản thi hành\n${head}${sentence}\n`, 'text');
  const ctx = extractContext(WORK, parsed);
  const p: Paragraph = { line: parsed.lines.length - 1, own: sentence };
  const body = sentence.replace(/^(?:\d{1,3}\.|[a-zđ]\))\s*/u, '');
  const rule = PARAGRAPH_RULES.find((r) => r.read(ctx, p, sentence, body));
  return {
    rule: rule?.name ?? null,
    found: ctx.relations.map((r) => [r.type, r.target.number, r.target.eId ?? null, r.effectiveFrom, r.effectiveTo ?? null]),
    list: ctx.list,
  };
}

describe('the rules of the relation extractor, on real sentences', () => {
  it('runs in a fixed order', () => {
    expect(BEFORE_BODY.map((r) => r.name)).toEqual(['consolidates', 'legal-bases', 'expired-list']);
    expect(PARAGRAPH_RULES.map((r) => r.name)).toEqual(['expires', 'imperative', 'this-replaces', 'passive', 'list-item']);
    expect(AFTER_BODY.map((r) => r.name)).toEqual(['whole-amends', 'interprets', 'cites', 'undated']);
  });

  it('expires: a document that ends when this one takes effect (Luật Thanh tra 2025)', () => {
    expect(read('2. Luật Thanh tra số 11/2022/QH15 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.')).toEqual({
      rule: 'expires',
      found: [['repeals', '11/2022/QH15', null, '2025-07-01', null]],
      list: null,
    });
  });

  it('imperative: a repeal down to the clause (Luật Người cao tuổi), a list opened by its verb', () => {
    expect(read('3. Bãi bỏ khoản 2 Điều 17 của Luật Người cao tuổi số 39/2009/QH12.')).toMatchObject({
      rule: 'imperative',
      found: [['repeals', '39/2009/QH12', 'art_17__para_2', '2025-07-01', null]],
    });
    expect(read('2. Bãi bỏ các văn bản, quy định sau đây:')).toEqual({ rule: 'imperative', found: [], list: { type: 'repeals', date: '2025-07-01' } });
  });

  it('this-replaces: "Thông tư này thay thế Thông tư số 01/2021/TT-BTC"', () => {
    expect(read('2. Thông tư này thay thế Thông tư số 01/2021/TT-BTC ngày 07 tháng 01 năm 2021 của Bộ trưởng Bộ Tài chính.')).toMatchObject({
      rule: 'this-replaces',
      found: [['replaces', '01/2021/TT-BTC', null, '2025-07-01', null]],
    });
  });

  it('passive: "Khoản 2 và khoản 5 Điều 3 được sửa đổi, bổ sung như sau:" reads units; with no document to apply them to, none', () => {
    const r = read('1. Khoản 2 và khoản 5 Điều 3 được sửa đổi, bổ sung như sau:');
    expect(r.rule).toBe('passive');
    // No document named and none opened the run: nothing to apply the units to (a diagnostic, no relation).
    expect(r.found).toEqual([]);
  });

  it('list-item: an item of an open list gets its relation', () => {
    const parsed = parseDocument('Điều 1. X\n2. Bãi bỏ các văn bản sau đây:\na) Thông tư số 12/2013/TT-BLĐTBXH.\n', 'text');
    const ctx = extractContext(WORK, parsed);
    ctx.list = { type: 'repeals', date: '2025-07-01' };
    const s = 'a) Thông tư số 12/2013/TT-BLĐTBXH.';
    const rule = PARAGRAPH_RULES.find((r) => r.read(ctx, { line: 3, own: s }, s, s.slice(3)));
    expect(rule?.name).toBe('list-item');
    expect(ctx.relations.map((x) => [x.type, x.target.number])).toEqual([['repeals', '12/2013/TT-BLĐTBXH']]);
  });
});
