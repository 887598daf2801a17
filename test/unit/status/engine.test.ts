/** Status at a date, from relations extracted from real corpus texts. */
import fc from 'fast-check';
import type { Relation } from '../../../domain/relations/types';
import { STATUS_LABELS, type StatusInput, statusAt, statusChangeDates, unitStatusAt } from '../../../domain/status/engine';
import { relationsOf } from '../relations/corpus-helpers';

// Effective dates as the texts state them (the manifest's values; the parser's effectiveDate misreads a few).
const FIXTURES: [string, { effective?: string; number?: string; id?: string }][] = [
  ['84-2015-QH13.txt', {}],
  ['41-2024-QH15.txt', {}],
  ['26-2012-QH13.txt', { number: '26/2012/QH13', id: '26-2012-QH13' }],
  ['02-2023-TT-BLDTBXH.txt', {}],
  ['169-QD-BLDTBXH.txt', {}],
  ['158-2025-ND-CP.txt', {}],
];
const ALL: Relation[] = FIXTURES.flatMap(([f, over]) => relationsOf(f, over).relations);
const incoming = (id: string) => ALL.filter((r) => r.target.workId === id);

const law58: StatusInput = {
  work: { id: '58-2014-QH13', number: '58/2014/QH13', type: 'luat', issued: '2014-11-20', effective: '2016-01-01' },
  incoming: incoming('58-2014-QH13'),
};

describe('statusAt on the corpus', () => {
  it('labels every status in Vietnamese', () => {
    expect(STATUS_LABELS).toEqual({
      not_yet_in_force: 'Chưa có hiệu lực',
      in_force: 'Còn hiệu lực',
      partially_expired: 'Hết hiệu lực một phần',
      expired: 'Hết hiệu lực toàn bộ',
      suspended: 'Ngưng hiệu lực',
      unknown: 'Chưa xác định',
    });
  });

  it('58/2014/QH13: not yet in force, in force on its day, partly expired by 84/2015/QH13, expired by 41/2024/QH15', () => {
    expect(statusAt(law58, '2015-12-31').status).toBe('not_yet_in_force');
    expect(statusAt(law58, '2016-01-01')).toMatchObject({ status: 'in_force', label: 'Còn hiệu lực' });

    const partial = statusAt(law58, '2016-07-01');
    expect(partial.status).toBe('partially_expired');
    expect(partial.label).toBe('Hết hiệu lực một phần');
    const r84 = partial.reasons.find((r) => r.eId === 'art_84__para_4');
    expect(r84).toMatchObject({
      code: 'repealed',
      number: '84/2015/QH13',
      citation: 'Điều 84, khoản 4',
      sourceCitation: 'Điều 92, khoản 2',
      date: '2016-07-01',
    });
    expect(r84?.message).toMatch(/Điều 84, khoản 4: Bị bãi bỏ bởi 84\/2015\/QH13 \(Điều 92, khoản 2\), từ ngày 2016-07-01/u);

    const before = statusAt(law58, '2025-06-30');
    expect(before.status).toBe('partially_expired');
    const after = statusAt(law58, '2025-07-01');
    expect(after).toMatchObject({ status: 'expired', label: 'Hết hiệu lực toàn bộ' });
    expect(after.reasons).toEqual([
      expect.objectContaining({ code: 'replaced', number: '41/2024/QH15', date: '2025-07-01', sourceCitation: 'Điều 140, khoản 2' }),
    ]);
  });

  it('09/2022/TT-BLĐTBXH: amended by 02/2023 from 2023-06-01, announced expired by 169/QĐ-BLĐTBXH from 2024-06-05', () => {
    const input: StatusInput = {
      work: { id: '09-2022-TT-BLDTBXH', number: '09/2022/TT-BLĐTBXH', type: 'thong_tu', issued: '2022-05-25', effective: '2022-07-11' },
      incoming: incoming('09-2022-TT-BLDTBXH'),
    };
    expect(statusAt(input, '2022-07-10').status).toBe('not_yet_in_force');
    expect(statusAt(input, '2022-07-11').status).toBe('in_force');
    const amended = statusAt(input, '2023-06-01');
    expect(amended.status).toBe('partially_expired');
    expect(amended.reasons[0]).toMatchObject({ code: 'amended', eId: 'art_1', citation: 'Điều 1', number: '02/2023/TT-BLĐTBXH' });
    const gone = statusAt(input, '2024-06-05');
    expect(gone.status).toBe('expired');
    expect(gone.reasons[0]?.code).toBe('announced_expired');
    expect(gone.reasons[0]?.message).toMatch(/169\/QĐ-BLĐTBXH.*2024-06-05.*Được bãi bỏ bởi Thông tư số 03\/2024/u);
    expect(statusChangeDates(input)).toEqual(['2022-07-11', '2023-06-01', '2024-06-05']);
  });

  it('21/2021/TT-BLĐTBXH: partially expired from 2024-05-15 per the official list', () => {
    const input: StatusInput = {
      work: { id: '21-2021-TT-BLDTBXH', number: '21/2021/TT-BLĐTBXH', type: 'thong_tu', issued: '2021-12-15', effective: '2022-02-01' },
      incoming: incoming('21-2021-TT-BLDTBXH'),
    };
    expect(statusAt(input, '2024-05-14').status).toBe('in_force');
    expect(statusAt(input, '2024-05-15').status).toBe('partially_expired');
  });

  it('04/2007/QH12: partially expired from 2013-07-01 (26/2012/QH13 amends units)', () => {
    const input: StatusInput = {
      work: { id: '04-2007-QH12', number: '04/2007/QH12', type: 'luat', issued: '2007-11-21', effective: '2009-01-01' },
      incoming: incoming('04-2007-QH12'),
    };
    expect(statusAt(input, '2012-12-31').status).toBe('in_force');
    expect(statusAt(input, '2013-07-01').reasons.map((r) => r.citation)).toContain('Điều 3, khoản 2');
    expect(unitStatusAt(input, 'art_24', '2013-07-01')).toMatchObject({ status: 'in_force' });
    expect(unitStatusAt(input, 'art_24', '2013-07-01').reasons.map((r) => r.code)).toEqual(['in_force_since', 'amended']);
  });

  it('lists the dates on which 58/2014/QH13 changes status', () => {
    expect(statusChangeDates(law58)).toEqual(['2016-01-01', '2016-07-01', '2025-07-01']);
  });
});

describe('unitStatusAt', () => {
  it('a repealed clause is expired, its article partly expired, an untouched article in force', () => {
    expect(unitStatusAt(law58, 'art_84__para_4', '2016-07-01')).toMatchObject({ status: 'expired' });
    expect(unitStatusAt(law58, 'art_84__para_4', '2016-06-30')).toMatchObject({ status: 'in_force' });
    expect(unitStatusAt(law58, 'art_84', '2016-07-01')).toMatchObject({ status: 'partially_expired' });
    expect(unitStatusAt(law58, 'art_2', '2016-07-01')).toMatchObject({ status: 'in_force' });
    expect(unitStatusAt(law58, 'art_104__para_1', '2016-07-01')).toMatchObject({ status: 'expired' });
    expect(unitStatusAt(law58, 'art_2', '2025-07-01')).toMatchObject({ status: 'expired' });
  });
});

describe('rules on constructed relations', () => {
  const rel = (over: Partial<Relation> & Pick<Relation, 'type'>): Relation => ({
    source: { workId: '9-2026-QD-UBND-X', number: '9/2026/QĐ-UBND' },
    target: { workId: '1-2024-QD-UBND-X', number: '1/2024/QĐ-UBND', type: 'quyet_dinh', issuer: null, date: null, text: 'Quyết định số 1/2024/QĐ-UBND' },
    effectiveFrom: '2026-03-01',
    evidence: { line: 1, text: '' },
    origin: 'reviewer',
    ...over,
  });
  const work = { id: '1-2024-QD-UBND-X', number: '1/2024/QĐ-UBND', type: 'quyet_dinh' as const, issued: '2024-01-01', effective: '2024-01-15' };

  it('a suspension covering the date suspends; the work is back in force at its end', () => {
    const input: StatusInput = { work, incoming: [rel({ type: 'suspends', effectiveTo: '2026-07-01' })] };
    expect(statusAt(input, '2026-02-28').status).toBe('in_force');
    expect(statusAt(input, '2026-03-01')).toMatchObject({ status: 'suspended', label: 'Ngưng hiệu lực' });
    expect(statusAt(input, '2026-03-01').reasons[0]?.message).toMatch(/đến ngày 2026-07-01/u);
    expect(statusAt(input, '2026-07-01').status).toBe('in_force');
    expect(statusChangeDates(input)).toEqual(['2024-01-15', '2026-03-01', '2026-07-01']);
  });

  it('no effective date: unknown, saying what is missing', () => {
    const s = statusAt({ work: { ...work, effective: null }, incoming: [] }, '2026-01-01');
    expect(s).toMatchObject({ status: 'unknown', label: 'Chưa xác định' });
    expect(s.reasons[0]).toMatchObject({ code: 'no_effective_date' });
    expect(s.reasons[0]?.message).toMatch(/Chưa xác định ngày có hiệu lực của 1\/2024\/QĐ-UBND/u);
  });

  it('a known expiry date ends the work; an undated repeal is flagged, not applied', () => {
    expect(statusAt({ work: { ...work, expiry: '2025-12-31' }, incoming: [] }, '2025-12-31').status).toBe('expired');
    const s = statusAt({ work, incoming: [rel({ type: 'repeals', effectiveFrom: null })] }, '2026-06-01');
    expect(s.status).toBe('in_force');
    expect(s.flags.map((f) => f.code)).toEqual(['undated_relation']);
  });

  it('a decree whose parent law expired is flagged for review', () => {
    const decree: StatusInput = {
      work: { id: '115-2015-ND-CP', number: '115/2015/NĐ-CP', type: 'nghi_dinh', issued: '2015-11-11', effective: '2016-01-01' },
      incoming: [],
      parents: [law58],
    };
    expect(statusAt(decree, '2025-06-30').flags).toEqual([]);
    const s = statusAt(decree, '2025-07-01');
    expect(s.status).toBe('in_force');
    expect(s.flags).toEqual([expect.objectContaining({ code: 'parent_expired', number: '58/2014/QH13' })]);
    expect(statusChangeDates(decree)).toEqual(['2016-01-01', '2025-07-01']);
  });

  it('is total: any relations and any date give a status with a label', () => {
    const date = fc.oneof(
      fc.constant(null),
      fc.date({ min: new Date('1950-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.string({ maxLength: 12 }),
    );
    const relArb = fc.record({
      type: fc.constantFrom('repeals', 'replaces', 'amends', 'suspends', 'announces', 'annuls', 'cites') as fc.Arbitrary<Relation['type']>,
      eId: fc.option(fc.constantFrom('art_1', 'art_1__para_2', 'app_I'), { nil: undefined }),
      from: date,
      to: date,
      partial: fc.boolean(),
    });
    fc.assert(
      fc.property(date, date, fc.array(relArb, { maxLength: 6 }), date, (eff, exp, rs, at) => {
        const input: StatusInput = {
          work: { ...work, effective: eff, expiry: exp },
          incoming: rs.map((r) =>
            rel({
              type: r.type,
              effectiveFrom: r.from,
              effectiveTo: r.to,
              partial: r.partial,
              target: { ...rel({ type: 'cites' }).target, ...(r.eId ? { eId: r.eId } : {}) },
            }),
          ),
        };
        const s = statusAt(input, at as string);
        const u = unitStatusAt(input, 'art_1__para_2', at as string);
        const dates = statusChangeDates(input);
        return STATUS_LABELS[s.status] === s.label && STATUS_LABELS[u.status] === u.label && s.reasons.length > 0 && Array.isArray(dates);
      }),
      { numRuns: 300 },
    );
  });
});

describe('contradictory evidence', () => {
  it('two documents replacing the same one at different dates: the earliest applies and a conflict is flagged for review', () => {
    const replaced = incoming('58-2014-QH13').find((r) => r.type === 'replaces' && !r.target.eId);
    expect(replaced).toBeDefined();
    const rival: Relation = {
      ...(replaced as Relation),
      source: { workId: '99-2025-QH15', number: '99/2025/QH15' },
      effectiveFrom: '2026-01-01',
      evidence: { line: 12, text: 'Luật số 58/2014/QH13 hết hiệu lực kể từ ngày 01 tháng 01 năm 2026.' },
    };
    const input: StatusInput = { ...law58, incoming: [...law58.incoming, rival] };
    const s = statusAt(input, '2026-02-01');
    expect(s.status).toBe('expired');
    const conflict = s.flags.find((f) => f.code === 'conflict');
    expect(conflict?.message).toContain('41/2024/QH15');
    expect(conflict?.message).toContain('99/2025/QH15');
    expect(conflict?.relations?.map((r) => r.date).sort()).toEqual(['2025-07-01', '2026-01-01']);
    // The same date from two documents is no contradiction; the corpus as it is has none.
    expect(
      statusAt({ ...law58, incoming: [...law58.incoming, { ...rival, effectiveFrom: replaced?.effectiveFrom ?? null }] }, '2026-02-01').flags.some(
        (f) => f.code === 'conflict',
      ),
    ).toBe(false);
    expect(statusAt(law58, '2026-02-01').flags.some((f) => f.code === 'conflict')).toBe(false);
  });
});
