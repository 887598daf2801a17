/**
 * Unit matching between draft versions on real texts: version 1 is 09/2022/TT-BLĐTBXH, version 2 the text after
 * 02/2023/TT-BLĐTBXH's amendment (Điều 1 replaced) with a new Điều 3 inserted, the later articles renumbered and
 * the entry into force moved (test/support/drafting.ts).
 */
import { wordDiff } from '../../../domain/consolidate/diff';
import { jaccard, matchUnits, words } from '../../../domain/drafting/match';
import { unitsToText } from '../../../domain/drafting/render';
import { lint } from '../../../domain/lint';
import { parseDocument } from '../../../domain/parse/parse';
import { flattenUnits, type StoredUnit } from '../../../domain/units';
import { draftVersion1, draftVersion2 } from '../../support/drafting';

const v1 = flattenUnits(parseDocument(draftVersion1()).units);
const v2 = flattenUnits(parseDocument(draftVersion2()).units);
const articles = (us: StoredUnit[]) => us.filter((u) => u.kind === 'article');

describe('the two real versions', () => {
  it('version 2 parses with 16 articles and passes the strict format rules', () => {
    expect(articles(v1).map((u) => u.num)).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
    expect(articles(v2).map((u) => u.num)).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 1)));
    expect(lint(parseDocument(draftVersion2()), { strict: true }).filter((d) => d.severity === 'error')).toEqual([]);
    expect(v2.find((u) => u.eId === 'art_3')?.heading).toBe('Giải thích từ ngữ');
  });
});

describe('matchUnits', () => {
  const r = matchUnits(v1, v2);
  const byFrom = new Map(r.changes.filter((c) => c.from).map((c) => [c.from?.eId, c]));

  it('follows every old article to its renumbered self: Điều 3…15 → Điều 4…16, by content', () => {
    for (let n = 3; n <= 15; n++) {
      const c = byFrom.get(`art_${n}`);
      expect(c?.to?.eId).toBe(`art_${n + 1}`);
      expect(c?.renumbered).toBe(true);
    }
    expect(r.map.get('art_6__para_2__point_c')).toBe('art_7__para_2__point_c');
    expect(r.map.get('art_2')).toBe('art_2');
  });

  it('reports the inserted article as added, not as a change of the old Điều 3', () => {
    const added = r.changes.filter((c) => c.status === 'added').map((c) => c.to?.eId);
    expect(added).toEqual(expect.arrayContaining(['art_3', 'art_3__para_1', 'art_3__para_2']));
    expect(r.summary.articles).toEqual({ matched: 15, changed: 1, renumbered: 13, added: 1, removed: 0 });
  });

  it('keeps Điều 1 (replaced by 02/2023 in place, same number) as changed with a word diff', () => {
    const c = byFrom.get('art_1');
    expect(c).toMatchObject({ status: 'changed', renumbered: false, to: { eId: 'art_1' } });
    expect(c?.similarity).toBeGreaterThan(0.25);
    expect(c?.heading?.some((op) => op.op === 'insert' && op.text.includes('áp dụng'))).toBe(true);
  });

  it('marks a unit both renumbered and changed: the entry into force of Điều 15 → Điều 16', () => {
    const c = byFrom.get('art_15__para_1');
    expect(c).toMatchObject({ status: 'changed', renumbered: true, to: { eId: 'art_16__para_1' } });
    expect(c?.text).toEqual(
      wordDiff('Thông tư này có hiệu lực thi hành từ ngày 11 tháng 7 năm 2022.', 'Thông tư này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.'),
    );
  });

  it('accounts for every unit exactly once on each side', () => {
    const from = r.changes.flatMap((c) => (c.from ? [c.from.eId] : []));
    const to = r.changes.flatMap((c) => (c.to ? [c.to.eId] : []));
    expect(from.sort()).toEqual(v1.map((u) => u.eId).sort());
    expect(to).toEqual(v2.map((u) => u.eId));
    expect(r.summary.matched + r.summary.removed).toBe(v1.length);
    expect(r.summary.matched + r.summary.added).toBe(v2.length);
  });

  it('matches a version to itself as unchanged, and two unrelated texts not at all beyond numbers', () => {
    const same = matchUnits(v1, v1);
    expect(same.summary).toMatchObject({ matched: v1.length, changed: 0, renumbered: 0, added: 0, removed: 0 });
    const other = flattenUnits(parseDocument('Điều 1. Thuế\nThuế suất là mười phần trăm.\nĐiều 2. Phí\nPhí trước bạ nộp một lần.').units);
    expect(matchUnits(v1, other).summary.matched).toBe(0);
  });

  it('word-set similarity is symmetric, 1 for equal texts, 0 for disjoint ones', () => {
    expect(jaccard(words('a b c'), words('c b a'))).toBe(1);
    expect(jaccard(words('hỗ trợ sinh kế'), words('thuế phí'))).toBe(0);
    expect(jaccard(words('a b'), words('b c'))).toBeCloseTo(1 / 3);
  });

  it('renders units back to text the parser reads into the same tree', () => {
    const tree = parseDocument(draftVersion1()).units;
    const again = parseDocument(unitsToText(tree)).units;
    const strip = (us: StoredUnit[]) => us.map((u) => [u.eId, u.heading, u.text.replace(/\s+/g, ' ')]);
    expect(strip(flattenUnits(again).filter((u) => u.kind !== 'appendix'))).toEqual(strip(v1.filter((u) => u.kind !== 'appendix')));
  });
});
