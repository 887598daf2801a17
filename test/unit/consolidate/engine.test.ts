/**
 * The consolidation engine on real families: F1 (09/2022/TT-BLĐTBXH + 02/2023/TT-BLĐTBXH) against the official
 * consolidated text 1676/VBHN-BLĐTBXH, F8 (04/2007/QH12 + 26/2012/QH13, unquoted new text), point-in-time reads,
 * versions, timeline, diffs, unapplied effects and properties.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { wordDiff } from '../../../domain/consolidate/diff';
import { type BaseText, type ConsolidatedUnit, consolidate, diffAt, REPEALED_TEXT, timeline, versionsOf } from '../../../domain/consolidate/engine';
import { citeInnermostFirst, vietnameseDate } from '../../../domain/consolidate/notes';
import { parseInstructions } from '../../../domain/effects/instructions';
import type { Effect } from '../../../domain/effects/types';
import type { Unit } from '../../../domain/model';
import { parseDocument } from '../../../domain/parse/parse';
import { normalizeText } from '../../../domain/text/normalize';
import { flattenUnits } from '../../../domain/units';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'corpus');
const fixture = (f: string) => readFileSync(join(FIXTURES, f), 'utf8');
/** Text as compared with the official one: normalised, spaces collapsed, footnote markers removed. */
const norm = (s: string | null) =>
  normalizeText(s ?? '')
    .replace(/\[\d{1,3}\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const find = (units: ConsolidatedUnit[], eId: string): ConsolidatedUnit | undefined => {
  for (const u of units) {
    if (u.eId === eId) return u;
    const f = find(u.children, eId);
    if (f) return f;
  }
  return undefined;
};

// --- F1
const f1Base: BaseText = { workId: '09-2022-TT-BLDTBXH', units: parseDocument(fixture('09-2022-TT-BLDTBXH.txt')).units, effective: '2022-07-11' };
const f1Effects = parseInstructions(
  { id: '02-2023-TT-BLDTBXH', number: '02/2023/TT-BLĐTBXH', effective: '2023-06-01' },
  parseDocument(fixture('02-2023-TT-BLDTBXH.txt')),
  { workId: '09-2022-TT-BLDTBXH', number: '09/2022/TT-BLĐTBXH' },
).effects;
const official = parseDocument(fixture('1676-VBHN-BLDTBXH.txt'));

/**
 * Where the official text is not a mechanical merge of the two circulars, word by word (ours → official), and why.
 * Every unit not listed here must match the official text exactly.
 */
const OFFICIAL_DEVIATIONS: Record<string, { diff: [string, string][]; why: string }> = {
  art_1: {
    diff: [['áp dụng', 'điều chỉnh']],
    why: '02/2023 replaces Điều 1 with a quoted text headed "Phạm vi áp dụng"; the VBHN takes the new body but keeps the old heading "Phạm vi điều chỉnh" (an editorial choice or slip of the VBHN, not the amendment).',
  },
  art_6__para_2__point_c: {
    diff: [['trung', 'Trung']],
    why: 'untouched by 02/2023: the VBHN capitalises "Trung ương", the gazette 09/2022 prints "trung ương".',
  },
  art_6__para_3: { diff: [['các', '']], why: 'untouched by 02/2023: the VBHN drops "các" in "các khoản 1, 2, 3 ..." (editorial).' },
  art_7__para_2__point_b: {
    diff: [['xuất', 'nghị']],
    why: 'untouched by 02/2023: "hồ sơ đề xuất dự án" in 09/2022 is "hồ sơ đề nghị dự án" in the VBHN (editorial).',
  },
  art_7__para_3: { diff: [['các', '']], why: 'untouched by 02/2023: the VBHN drops "các" (editorial).' },
  art_11__para_2: { diff: [['', 'về']], why: 'untouched by 02/2023: the VBHN writes the programme\'s full name "... quốc gia về giảm nghèo ..." (editorial).' },
  art_12__para_1: { diff: [['', 'đúng']], why: 'untouched by 02/2023: the VBHN adds "đúng" ("đúng đối tượng, đúng nội dung") (editorial).' },
  art_14__para_2__point_c: { diff: [['6', '06']], why: 'untouched by 02/2023: the VBHN writes "06 tháng" for "6 tháng" (editorial).' },
  art_14__para_3__point_a: { diff: [['6', '06']], why: 'same editorial "06 tháng".' },
  art_14__para_3__point_b: { diff: [['6', '06']], why: 'same editorial "06 tháng".' },
  art_14__para_3__point_c: {
    diff: [
      ['6', '06'],
      ['', 'dự án'],
    ],
    why: 'editorial "06 tháng", and the VBHN adds "dự án" ("kết quả thực hiện dự án").',
  },
};

/** The word changes from `a` to `b` as [deleted, inserted] pairs (a deletion followed by an insertion is one pair). */
function changes(a: string, b: string): [string, string][] {
  const out: [string, string][] = [];
  let deleted: string | null = null;
  for (const op of wordDiff(a, b)) {
    if (op.op === 'insert') {
      out.push([deleted ?? '', op.text]);
      deleted = null;
      continue;
    }
    if (deleted !== null) out.push([deleted, '']);
    deleted = op.op === 'delete' ? op.text : null;
  }
  if (deleted !== null) out.push([deleted, '']);
  return out;
}

describe('F1: 09/2022/TT-BLĐTBXH + 02/2023/TT-BLĐTBXH against the official 1676/VBHN-BLĐTBXH', () => {
  const result = consolidate(f1Base, f1Effects, '2023-07-01');
  const ours = flattenUnits(result.units);
  const theirs = new Map(flattenUnits(official.units).map((u) => [u.eId, u]));

  it('applies the one effect and leaves nothing unapplied', () => {
    expect(result.applied).toEqual(['02-2023-TT-BLDTBXH:art_1:1']);
    expect(result.unapplied).toEqual([]);
  });

  it('has the same units as the official text (103), in the same order', () => {
    expect(ours.map((u) => u.eId)).toEqual(flattenUnits(official.units).map((u) => u.eId));
    expect(ours).toHaveLength(103);
  });

  it('matches the official text exactly in 92 of 103 units; each of the other 11 differs only as documented', () => {
    let exact = 0;
    const deviations: Record<string, [string, string][]> = {};
    for (const u of ours) {
      const o = theirs.get(u.eId);
      const mine = `${norm(u.heading)} ${norm(u.text)}`;
      const off = `${norm(o?.heading ?? null)} ${norm(o?.text ?? '')}`;
      if (mine === off) exact++;
      else deviations[u.eId] = changes(mine, off);
    }
    expect(exact).toBe(92);
    expect(deviations).toEqual(Object.fromEntries(Object.entries(OFFICIAL_DEVIATIONS).map(([k, v]) => [k, v.diff])));
  });

  it('notes the change VBHN-style on the amended unit', () => {
    const art1 = find(result.units, 'art_1');
    expect(art1?.sources).toEqual([
      {
        effectId: '02-2023-TT-BLDTBXH:art_1:1',
        sourceWorkId: '02-2023-TT-BLDTBXH',
        sourceEId: 'art_1',
        operation: 'replace_unit',
        effectiveFrom: '2023-06-01',
        note: 'Điều này được sửa đổi, bổ sung theo quy định tại Điều 1 Thông tư số 02/2023/TT-BLĐTBXH, có hiệu lực kể từ ngày 01 tháng 6 năm 2023',
      },
    ]);
    // The official footnote 2 says the same: "Điều này được sửa đổi, bổ sung theo quy định tại Điều 1 Thông tư số 02/2023/TT-BLĐTBXH ...".
    expect(official.units.flatMap((u) => [u, ...u.children]).find((u) => u.eId === 'art_1')?.notes[0]?.text).toMatch(
      /^Điều này được sửa đổi, bổ sung theo quy định tại Điều 1 Thông tư số 02\/2023\/TT-/u,
    );
  });
});

describe('point in time (F1)', () => {
  it('gives the original text before 02/2023 takes effect, the amended one from its first day', () => {
    const before = find(consolidate(f1Base, f1Effects, '2023-05-31').units, 'art_1');
    const after = find(consolidate(f1Base, f1Effects, '2023-06-01').units, 'art_1');
    expect(before?.heading).toBe('Phạm vi điều chỉnh');
    expect(before?.sources).toBeUndefined();
    expect(after?.heading).toBe('Phạm vi áp dụng');
    expect(norm(after?.text ?? '')).not.toBe(norm(before?.text ?? ''));
    expect(after?.children.map((c) => c.eId)).toEqual(['art_1__para_1', 'art_1__para_2']);
  });

  it('never mutates the base', () => {
    const snapshot = JSON.stringify(f1Base.units);
    consolidate(f1Base, f1Effects, '2030-01-01');
    expect(JSON.stringify(f1Base.units)).toBe(snapshot);
  });

  it('keeps versions with their validity intervals and the effect that opened and closed them', () => {
    const v = versionsOf(f1Base, f1Effects).get('art_1');
    expect(v?.map((x) => [x.heading, x.from, x.to, x.openedBy, x.closedBy])).toEqual([
      ['Phạm vi điều chỉnh', '2022-07-11', '2023-06-01', null, '02-2023-TT-BLDTBXH:art_1:1'],
      ['Phạm vi áp dụng', '2023-06-01', null, '02-2023-TT-BLDTBXH:art_1:1', null],
    ]);
    expect(versionsOf(f1Base, f1Effects).get('art_2')).toHaveLength(1);
  });

  it('lists the timeline and the word-level diff between two dates', () => {
    expect(timeline(f1Base, f1Effects).map((t) => [t.date, t.effects.map((e) => e.id)])).toEqual([['2023-06-01', ['02-2023-TT-BLDTBXH:art_1:1']]]);
    const d = diffAt(f1Base, f1Effects, '2023-01-01', '2023-07-01');
    expect(d.map((x) => [x.eId, x.change])).toEqual([
      ['art_1', 'changed'],
      ['art_1__para_1', 'changed'],
      ['art_1__para_2', 'changed'],
    ]);
    expect(d[0]?.heading).toEqual([
      { op: 'equal', text: 'Phạm vi' },
      { op: 'delete', text: 'điều chỉnh' },
      { op: 'insert', text: 'áp dụng' },
    ]);
    expect(d[0]?.effects).toEqual(['02-2023-TT-BLDTBXH:art_1:1']);
    expect(diffAt(f1Base, f1Effects, '2023-06-01', '2024-01-01')).toEqual([]);
  });
});

describe('F8: 04/2007/QH12 + 26/2012/QH13 (unquoted new text)', () => {
  const base: BaseText = { workId: '04-2007-QH12', units: parseDocument(fixture('04-2007-QH12.txt')).units, effective: '2009-01-01' };
  const effects = parseInstructions({ id: '26-2012-QH13', number: '26/2012/QH13', effective: '2013-07-01' }, parseDocument(fixture('26-2012-QH13.txt')), {
    workId: '04-2007-QH12',
    number: '04/2007/QH12',
  }).effects;

  it('applies all seven effects on 01/7/2013, none before', () => {
    const after = consolidate(base, effects, '2013-07-01');
    expect(after.unapplied).toEqual([]);
    expect(after.applied).toHaveLength(7);
    const before = consolidate(base, effects, '2013-06-30');
    expect(before.applied).toEqual([]);
    expect(find(before.units, 'art_19__para_1')?.children.map((c) => c.text)).not.toContain(
      'Mức giảm trừ đối với đối tượng nộp thuế là 9 triệu đồng/tháng (108 triệu đồng/năm);',
    );
    expect(find(after.units, 'art_19__para_1')?.children.map((c) => c.text)).toContain(
      'Mức giảm trừ đối với đối tượng nộp thuế là 9 triệu đồng/tháng (108 triệu đồng/năm);',
    );
    expect(find(after.units, 'art_7__para_1__point_c')?.sources?.[0]?.note).toBe(
      'Điểm này được sửa đổi theo quy định tại khoản 3 Điều 1 Luật số 26/2012/QH13, có hiệu lực kể từ ngày 01 tháng 7 năm 2013',
    );
  });
});

// --- Synthetic bases for the engine's own rules.
const u = (kind: Unit['kind'], num: string, eId: string, text: string, children: Unit[] = [], heading: string | null = null): Unit => ({
  kind,
  num,
  eId,
  heading,
  text,
  children,
});
const smallBase: BaseText = {
  workId: 'B',
  effective: '2020-01-01',
  units: [
    u('chapter', 'I', 'chp_I', '', [
      u(
        'article',
        '1',
        'art_1',
        '',
        [u('clause', '1', 'art_1__para_1', 'Ủy ban nhân dân cấp huyện quyết định.'), u('clause', '2', 'art_1__para_2', 'Hai.')],
        'Một',
      ),
      u('article', '2', 'art_2', 'Điều hai.', [], 'Hai'),
    ]),
  ],
};
let n = 0;
const effect = (over: Partial<Effect> & Pick<Effect, 'operation' | 'target' | 'payload'>): Effect => ({
  id: `A:art_1:${++n}`,
  source: { workId: 'A', number: '01/2024/TT-BTC', typeLabel: 'Thông tư', eId: 'art_1__para_1', text: 'Sửa đổi ...', line: 1 },
  effectiveFrom: '2024-07-01',
  state: 'pending',
  ...over,
});

describe('engine rules', () => {
  it('inserts, repeals and edits phrases, each with its note', () => {
    const effects = [
      effect({
        operation: 'insert_after',
        target: { workId: 'B', number: null, eId: 'art_1__para_1a' },
        payload: { anchorEId: 'art_1__para_1', units: [u('clause', '1a', 'art_1__para_1a', 'Mới.')] },
      }),
      effect({
        operation: 'insert_into',
        target: { workId: 'B', number: null, eId: 'art_1a' },
        payload: { units: [u('article', '1a', 'art_1a', 'Điều mới.', [], 'Mới')] },
      }),
      effect({ operation: 'repeal_unit', target: { workId: 'B', number: null, eId: 'art_1__para_2' }, payload: {} }),
      effect({ operation: 'replace_phrase', target: { workId: 'B', number: null, eId: 'art_1' }, payload: { phrase: 'cấp huyện', replacement: 'cấp xã' } }),
      effect({ operation: 'rename_heading', target: { workId: 'B', number: null, eId: 'chp_1' }, payload: { heading: 'CHƯƠNG MỚI' } }),
    ];
    const r = consolidate(smallBase, effects, '2024-07-01');
    expect(r.unapplied).toEqual([]);
    const chp = r.units[0] as ConsolidatedUnit;
    expect(chp.heading).toBe('CHƯƠNG MỚI');
    expect(chp.children.map((c) => c.eId)).toEqual(['art_1', 'art_1a', 'art_2']);
    expect(find(r.units, 'art_1')?.children.map((c) => [c.eId, c.text])).toEqual([
      ['art_1__para_1', 'Ủy ban nhân dân cấp xã quyết định.'],
      ['art_1__para_1a', 'Mới.'],
      ['art_1__para_2', REPEALED_TEXT],
    ]);
    expect(find(r.units, 'art_1__para_2')?.sources?.[0]?.note).toBe(
      'Khoản này được bãi bỏ theo quy định tại khoản 1 Điều 1 Thông tư số 01/2024/TT-BTC, có hiệu lực kể từ ngày 01 tháng 7 năm 2024',
    );
    expect(find(r.units, 'art_1__para_1a')?.sources?.[0]?.note).toMatch(/^Khoản này được bổ sung theo quy định tại khoản 1 Điều 1/u);
  });

  it('reports missing, ambiguous, conflicting and repealed targets as unapplied, with reasons', () => {
    const replace = (eId: string, work = 'A', text = 'X.') =>
      effect({
        operation: 'replace_unit',
        source: { workId: work, number: null, typeLabel: null, eId: 'art_1', text: '', line: 1 },
        target: { workId: 'B', number: null, eId },
        payload: { units: [u('clause', '2', eId, text)] },
      });
    const effects = [
      replace('art_9__para_2'),
      replace('art_1__para_2', 'A'),
      replace('art_1__para_2', 'C', 'Y.'),
      effect({ operation: 'repeal_unit', target: { workId: 'B', number: null, eId: 'art_2' }, payload: {} }),
      effect({ operation: 'rename_heading', target: { workId: 'B', number: null, eId: 'art_2' }, payload: { heading: 'Z' } }),
      effect({ operation: 'delete_phrase', target: { workId: 'B', number: null, eId: 'art_1' }, payload: { phrase: 'không có' } }),
      effect({ operation: 'replace_unit', target: { workId: 'OTHER', number: null, eId: 'art_1' }, payload: {} }),
    ];
    const r = consolidate(smallBase, effects, '2025-01-01');
    expect(r.unapplied.map((x) => x.reason)).toEqual([
      'target art_9__para_2 not found in the base text',
      expect.stringMatching(/^conflicts with A:art_1:\d+: two documents change art_1__para_2 on the same day$/),
      'target art_2 was repealed before this effect',
      'phrase “không có” not found in art_1',
      'the effect targets OTHER, not B',
    ]);
    expect(r.applied).toHaveLength(2);
    const dup: BaseText = { ...smallBase, units: [u('article', '3', 'art_3', 'a'), u('article', '3', 'art_3__dup2', 'b')] };
    expect(consolidate(dup, [replace('art_3')], '2025-01-01').unapplied[0]?.reason).toMatch(/^ambiguous target art_3/);
  });

  it('writes notes as Vietnamese cites them', () => {
    expect(citeInnermostFirst('art_32__para_3__point_dd')).toBe('điểm đ khoản 3 Điều 32');
    expect(vietnameseDate('2023-01-05')).toBe('05 tháng 01 năm 2023');
    expect(vietnameseDate('2023-11-20')).toBe('20 tháng 11 năm 2023');
  });
});

describe('properties', () => {
  const ops = [
    'replace_unit',
    'rename_heading',
    'insert_after',
    'insert_into',
    'repeal_unit',
    'replace_phrase',
    'delete_phrase',
    'insert_phrase',
    'repeal_work',
  ] as const;
  const eIds = ['art_1', 'art_2', 'art_1__para_1', 'art_1__para_2', 'art_1__para_3', 'art_9', 'chp_I', ''];
  const arbEffect = fc.record({
    operation: fc.constantFrom(...ops),
    eId: fc.constantFrom(...eIds),
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.integer({ min: 1, max: 12 }),
    work: fc.constantFrom('A', 'C'),
    withUnit: fc.boolean(),
  });

  it('consolidate never loses an effect: applied + unapplied = every effect dated on or before `at`', () => {
    fc.assert(
      fc.property(fc.array(arbEffect, { maxLength: 12 }), fc.integer({ min: 1, max: 12 }), (specs, atMonth) => {
        const effects = specs.map((s, i) =>
          effect({
            id: `E${i}`,
            operation: s.operation,
            source: { workId: s.work, number: null, typeLabel: null, eId: 'art_1', text: '', line: 1 },
            effectiveFrom: `2024-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`,
            target: { workId: 'B', number: null, eId: s.eId },
            payload: s.withUnit
              ? { units: [u('clause', '3', s.eId, 'x')], phrase: 'huyện', replacement: 'xã', anchorPhrase: 'dân', anchorEId: 'art_1__para_1', heading: 'H' }
              : {},
          }),
        );
        const at = `2024-${String(atMonth).padStart(2, '0')}-15`;
        const r = consolidate(smallBase, effects, at);
        const due = effects.filter((e) => (e.effectiveFrom ?? '') <= at).map((e) => e.id);
        expect([...r.applied, ...r.unapplied.map((x) => x.effectId)].sort()).toEqual(due.sort());
      }),
      { numRuns: 300 },
    );
  });
});
