/** Drafting rules: consultation windows in Vietnam time, comment transitions, carry-over and orphans, the synthesis. */
import { matchUnits } from '../../../domain/drafting/match';
import { assertMayComment, carryComments, resolveTransition, validateWindow, vietnamDay } from '../../../domain/drafting/rules';
import { synthesis, synthesisCsv } from '../../../domain/drafting/synthesis';
import type { Actor, Draft, DraftComment } from '../../../domain/drafting/types';
import { parseDocument } from '../../../domain/parse/parse';
import { flattenUnits } from '../../../domain/units';
import { draftVersion1, draftVersion2 } from '../../support/drafting';

const draft: Draft = {
  id: 'dt-0123456789ab',
  title: 'Dự thảo Thông tư',
  agency: 'Bộ Lao động - Thương binh và Xã hội',
  drafters: ['drafter-a'],
  stage: 'draft',
  window: { opens: '2026-03-01', closes: '2026-03-31' },
  versions: 2,
  promotedTo: null,
  createdBy: 'drafter-a',
  createdAt: '2026-02-01T00:00:00.000Z',
  updatedAt: '2026-02-01T00:00:00.000Z',
  revision: 3,
};
const citizen: Actor = { subject: 'citizen-1', roles: ['commenter'] };
const drafter: Actor = { subject: 'drafter-a', roles: ['drafter'] };
const appraiser: Actor = { subject: 'appraiser-1', roles: ['appraiser'] };

const comment = (k: number, eId: string, extra: Partial<DraftComment> = {}): DraftComment => ({
  id: `${draft.id}.c${String(k).padStart(16, '0')}`,
  draftId: draft.id,
  version: 1,
  eId,
  parentId: null,
  author: `citizen-${k}`,
  publicConsultation: true,
  text: `Góp ý ${k}`,
  status: 'open',
  explanation: null,
  resolvedBy: null,
  resolvedAt: null,
  createdAt: `2026-03-0${(k % 9) + 1}T00:00:00.000Z`,
  revision: 1,
  ...extra,
});

describe('consultation windows (inclusive dates in Vietnam, UTC+7)', () => {
  it('lets the public comment from the first to the last day, Vietnam time', () => {
    // 2026-02-28T17:00Z is 2026-03-01 00:00 in Hà Nội: open.
    expect(vietnamDay(new Date('2026-02-28T17:00:00Z'))).toBe('2026-03-01');
    expect(assertMayComment(draft, citizen, new Date('2026-02-28T17:00:00Z'))).toEqual({ publicConsultation: true });
    expect(assertMayComment(draft, citizen, new Date('2026-03-31T16:59:59Z'))).toEqual({ publicConsultation: true });
  });

  it('refuses the public outside the window with a conflict that names the window and today', () => {
    const before = () => assertMayComment(draft, citizen, new Date('2026-02-28T16:59:59Z'));
    expect(before).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(before).toThrow(/open from 2026-03-01 to 2026-03-31 \(Vietnam time\); today is 2026-02-28: not open yet/);
    expect(() => assertMayComment(draft, citizen, new Date('2026-03-31T17:00:00Z'))).toThrow(/today is 2026-04-01: closed/);
    expect(() => assertMayComment({ ...draft, window: null }, citizen, new Date('2026-03-10T00:00:00Z'))).toThrow(/has no public consultation window/);
  });

  it('lets the drafting team and the appraisers comment outside it, but nobody after promulgation', () => {
    const late = new Date('2026-06-01T00:00:00Z');
    expect(assertMayComment(draft, drafter, late)).toEqual({ publicConsultation: false });
    expect(assertMayComment(draft, appraiser, late)).toEqual({ publicConsultation: false });
    const promulgated: Draft = { ...draft, stage: 'promulgated', promotedTo: null };
    expect(() => assertMayComment(promulgated, drafter, late)).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('validates the dates', () => {
    expect(() => validateWindow({ opens: '2026-02-30', closes: '2026-03-01' })).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => validateWindow({ opens: '2026-04-01', closes: '2026-03-01' })).toThrow(/before opens/);
  });
});

describe('comment status: open → accepted | rejected, with an explanation, once', () => {
  const c = comment(1, 'art_3');
  it('records who resolved it, when and why', () => {
    const r = resolveTransition(c, 'accepted', ' Tiếp thu, sửa khoản 2 ', drafter, '2026-04-02T00:00:00.000Z');
    expect(r).toMatchObject({
      status: 'accepted',
      explanation: 'Tiếp thu, sửa khoản 2',
      resolvedBy: 'drafter-a',
      resolvedAt: '2026-04-02T00:00:00.000Z',
      revision: 2,
    });
    expect(() => resolveTransition(r, 'rejected', 'đổi ý', drafter, '2026-04-03T00:00:00.000Z')).toThrow(/already accepted by drafter-a/);
  });
  it('needs an explanation, and refuses replies and `open`', () => {
    expect(() => resolveTransition(c, 'rejected', '  ', drafter, 'x')).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => resolveTransition(c, 'open', 'x', drafter, 'x')).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => resolveTransition({ ...c, parentId: 'p', status: null }, 'accepted', 'x', drafter, 'x')).toThrow(/is a reply/);
  });
});

describe('carry-over on the real versions', () => {
  const u1 = flattenUnits(parseDocument(draftVersion1()).units);
  const u2 = flattenUnits(parseDocument(draftVersion2()).units);
  const maps = new Map([[1, matchUnits(u1, u2).map]]);
  const versions = [
    { n: 1, status: 'accepted' as const },
    { n: 2, status: 'accepted' as const },
  ];
  const comments = [
    comment(1, 'art_5__para_2'),
    comment(2, 'art_1__para_1'), // Điều 1 khoản 1 was replaced by 02/2023: no match in version 2
    comment(3, 'art_2', { version: 2 }),
    comment(4, 'art_5__para_2', { parentId: `${draft.id}.c${'1'.padStart(16, '0')}`, status: null }),
  ];
  const carried = carryComments(comments, versions, maps);

  it('moves a comment to its unit’s renumbered self, keeping the trail', () => {
    expect(carried[0]).toMatchObject({
      currentEId: 'art_6__para_2',
      currentVersion: 2,
      orphaned: false,
      trail: [
        { version: 1, eId: 'art_5__para_2' },
        { version: 2, eId: 'art_6__para_2' },
      ],
    });
    expect(carried[3]).toMatchObject({ currentEId: 'art_6__para_2', orphaned: false });
    expect(carried[2]).toMatchObject({ currentEId: 'art_2', trail: [{ version: 2, eId: 'art_2' }] });
  });

  it('keeps a comment whose unit is gone on its own version, orphaned, never lost', () => {
    expect(carried[1]).toMatchObject({ version: 1, eId: 'art_1__para_1', currentEId: null, orphaned: true, orphanedIn: 2 });
  });

  it('skips rejected versions', () => {
    const withRejected = carryComments(
      [comment(1, 'art_5__para_2')],
      [...versions.slice(0, 1), { n: 2, status: 'rejected' }, { n: 3, status: 'accepted' }],
      new Map([[1, maps.get(1) as Map<string, string>]]),
    );
    expect(withRejected[0]).toMatchObject({ currentEId: 'art_6__para_2', currentVersion: 3 });
  });

  it('builds the bảng tổng hợp ý kiến per unit, replies threaded, orphans apart; CSV quotes and marks carried rows', () => {
    const s = synthesis(draft, 2, u2, carried, (n, eId) => (n === 1 ? (u1.find((u) => u.eId === eId)?.citation ?? eId) : eId));
    expect(s.units.map((r) => [r.eId, r.comments.map((c) => c.id.slice(-1))])).toEqual([
      ['art_2', ['3']],
      ['art_6__para_2', ['1']],
    ]);
    expect(s.units[1]?.comments[0]?.replies.map((r) => r.author)).toEqual(['citizen-4']);
    expect(s.orphaned).toEqual([expect.objectContaining({ citation: 'Điều 1, khoản 1', orphanedIn: 2, madeOn: { version: 1, eId: 'art_1__para_1' } })]);
    expect(s.totals).toEqual({ comments: 3, replies: 1, open: 3, accepted: 0, rejected: 0, orphaned: 1, carried: 1 });
    const csv = synthesisCsv(s);
    expect(csv.startsWith('\ufeffSTT,')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 4);
    expect(lines[2]).toContain('Chuyển từ phiên bản 1 (art_5__para_2)');
    expect(lines[3]).toContain('↳ Góp ý 4');
    expect(lines[4]).toContain('Không còn trong phiên bản 2: giữ ở phiên bản 1');
  });
});
