/**
 * Units: "Sửa đổi khoản 2 Điều 5", "Bổ sung khoản 4a vào sau khoản 4 Điều 148", "Bổ sung Điều 6a vào Chương II",
 * "Bãi bỏ gạch đầu dòng thứ nhất điểm a ..." — the units named, where new ones go, and a dash inside a point (not a
 * unit). Always reads the segment: the last rule.
 */
import type { UnitKind } from '../../model';
import { type RefPath, readRefs } from '../refs';
import { firstNumber } from '../segment';
import type { SegmentRule } from './types';

const parentOf = (ref: RefPath): RefPath => ({ segments: ref.segments.slice(0, -1), heading: false });

/** `ref` completed with the outer units of `outer` it lacks. */
function inherit(ref: RefPath, outer: RefPath): RefPath {
  const first = ref.segments[0];
  if (!first) return ref;
  const rank: Record<UnitKind, number> = { point: 1, clause: 2, article: 3, subsection: 4, section: 5, chapter: 6, part: 7, attachment: 8, appendix: 9 };
  if (ref.segments.some((s) => s.kind === 'article') || first.kind === 'chapter' || first.kind === 'part' || first.kind === 'section') return ref;
  const add = outer.segments.filter((s) => rank[s.kind] > rank[first.kind]);
  return { ...ref, segments: [...add, ...ref.segments] };
}

export const units: SegmentRule = {
  name: 'units',
  read(seg, rest, ctx) {
    const dash = /^((?:các\s+)?(?:gạch đầu dòng|dấu gạch ngang|tiết)(?:\s+thứ\s+[\p{L}\p{N}]+)?(?:\s+của)?)\s+/iu.exec(rest);
    if (dash?.[1]) seg.dash = dash[1];
    const r = readRefs(dash ? rest.slice(dash[0].length) : rest, ctx);
    seg.refs = r.refs;
    if (r.unresolved.length > 0) seg.problem = `references without an article: ${r.unresolved.join('; ')}`;
    let tail = r.rest;
    if (r.refs.length === 0 && r.partial.length === 0) {
      seg.docNumber = firstNumber(tail);
      return true;
    }
    const pos = /^(?:vào\s+)?(sau|trước|vào|tại)\s+/u.exec(tail);
    const hasInto = /^vào\s+/u.test(tail);
    if (pos?.[1] && (hasInto || pos[1] === 'sau') && seg.verb === 'add') {
      const a = readRefs(tail.slice(pos[0].length), ctx);
      tail = a.rest;
      const anchor = a.refs[0] ?? null;
      if (!anchor) seg.problem = `cannot read the insertion point: ${tail.slice(0, 80)}`;
      else if (pos[1] === 'sau') seg.anchor = anchor;
      else if (pos[1] === 'trước') seg.problem = 'insertion before a unit';
      else seg.into = anchor;
      // New units inherit the outer units the anchor names: "khoản 4a vào sau khoản 4 Điều 148".
      if (anchor) {
        const outer = seg.anchor ? parentOf(anchor) : anchor;
        seg.refs = [...seg.refs, ...r.partial].map((ref) => inherit(ref, outer));
        if (r.partial.length > 0 && seg.problem?.startsWith('references without an article')) seg.problem = null;
      }
    }
    seg.docNumber = firstNumber(tail);
    return true;
  },
};
