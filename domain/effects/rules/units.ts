/**
 * Units: "Sửa đổi khoản 2 Điều 5", "Bổ sung khoản 4a vào sau khoản 4 Điều 148", "Bổ sung Điều 6a vào Chương II",
 * "Bãi bỏ gạch đầu dòng thứ nhất điểm a ..." — the units named, where new ones go, and a dash inside a point (not a
 * unit). Always reads the segment: the last rule.
 */
import type { UnitKind } from '../../model';
import { type RefPath, readRefs } from '../refs';
import { firstNumber, type Segment } from '../segment';
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

/**
 * A part of a unit that is not one: "gạch đầu dòng thứ nhất điểm a ...", "khổ thứ nhất khoản 3 Điều 10", "đoạn đầu khoản 1
 * Điều 123", "tiêu chuẩn 1 điểm a khoản 2 Điều 2", and where text is added inside a unit: "vào cuối khoản 1 Điều 2",
 * "sau khổ thứ nhất khoản 2 Điều 21", "đoạn mở đầu vào trước khoản 1 Điều 51", "vào điểm a khoản 2 Điều 31".
 */
export const SUB_UNIT_RE =
  /^((?:(?:vào|sau|trước)\s+)?(?:(?:các\s+)?(?:gạch đầu dòng|dấu gạch ngang|tiết|khổ|đoạn|tiêu chuẩn)(?:\s+(?:thứ\s+[\p{L}\p{N}]+|đầu tiên|đầu|cuối cùng|cuối|mở đầu|\d{1,2}))?|cuối|đầu)(?:\s+(?:vào\s+)?(?:trước|sau))?(?:\s+của)?|vào)\s+(?=(?:điểm|khoản|điều|phụ lục)\s)/iu;

/** "một số điểm, khoản của Điều 38", "một số khoản của Điều 10", "một số điểm của khoản 2 Điều 23": a container's scope. */
const SOME_OF_RE =
  /^(?:một số|các)\s+(?:điểm|khoản|nội dung|quy định)(?:\s*(?:,|và)\s*(?:điểm|khoản|nội dung|quy định))*\s+(?:của|tại)\s+(?=(?:Điều|điều|khoản|Khoản)\s)/u;

/** What follows references that could not be read although the list goes on. */
const LIST_GOES_ON_RE =
  /^(?:[-–.]\d|,\s*(?:các\s+)?(?:Điều|điều|khoản|Khoản|điểm|Điểm|mục|Mục|tiểu mục|Chương|chương|Phần|phần|Phụ lục|phụ lục)\s+[\dIVXLCa-zđ])/u;

/** Parts of an appendix that are not units: "mục 192 thuộc Phụ lục IV", "nội dung lưu ý mục 2 Phụ lục I", "tiểu mục e ...". */
const APPENDIX_PART_RE = /^(?:(?:nội dung\s+)?(?:lưu ý|ghi chú)|(?:các\s+)?tiểu mục|mục|phần)(?![\p{L}\p{N}])/u;
/** "Phụ lục VI-1.7": an appendix numbered as the parser does not number its own. */
const APPENDIX_NAME_RE = /^(?:Phụ lục|phụ lục)\s+(?:số\s+)?([IVXLC]+|\d{1,3})((?:[-.]\d+)*)(?![\p{L}\p{N}])/u;

/**
 * "Sửa đổi, bổ sung mục 192 thuộc Phụ lục IV ...", "Bổ sung nội dung ghi chú Phụ lục VI-1.7", or (under "... Phụ lục III
 * như sau:") "Bổ sung tiểu mục e mục 5 phần B": the part, held as a dash is, and its appendix.
 */
function appendixPart(seg: Segment, rest: string, ctx: RefPath | null): boolean {
  if (!APPENDIX_PART_RE.test(rest) || rest.includes('“')) return false;
  const at = rest.slice(0, 300).search(/(?:^|\s)(?:Phụ lục|phụ lục)\s/u);
  if (at < 0) {
    const app = ctx?.segments[0]?.kind === 'appendix' ? ctx : null;
    if (!app || /(?:^|\s)(?:Điều|điều|khoản|điểm)\s/u.test(rest)) return false;
    seg.dash = rest.trim().slice(0, 120);
    seg.refs = [{ segments: app.segments.slice(0, 1), heading: false }];
    return true;
  }
  const part = rest.slice(0, at).trim();
  if (/(?:^|\s)(?:Điều|điều|khoản|điểm)\s/u.test(part)) return false;
  const name = APPENDIX_NAME_RE.exec(rest.slice(at).trim());
  if (!name?.[1]) return false;
  seg.dash = part.replace(/\s+(?:thuộc|của|tại)$/u, '');
  // "Phụ lục VI-1.7" is no appendix the parser numbers: the part is named with it, on the whole work.
  if (name[2]) seg.dash = `${seg.dash} ${name[0]}`;
  seg.refs = [{ segments: name[2] ? [] : [{ kind: 'appendix', num: name[1] }], heading: false }];
  seg.docNumber = firstNumber(rest.slice(at));
  return true;
}

export const units: SegmentRule = {
  name: 'units',
  read(seg, rest, ctx) {
    if (appendixPart(seg, rest, ctx)) return true;
    const some = SOME_OF_RE.exec(rest);
    if (some) {
      const r = readRefs(rest.slice(some[0].length), ctx);
      if (r.refs.length === 1 && r.unresolved.length === 0 && !r.refs[0]?.heading) {
        seg.scope = r.refs[0] as RefPath;
        seg.docNumber = firstNumber(r.rest);
        return true;
      }
    }
    const dash = SUB_UNIT_RE.exec(rest);
    if (dash?.[1]) seg.dash = dash[1];
    const r = readRefs(dash ? rest.slice(dash[0].length) : rest, ctx);
    seg.refs = r.refs;
    if (r.unresolved.length > 0) seg.problem = `references without an article: ${r.unresolved.join('; ')}`;
    // "mục 13 Phụ lục VI-1.1, mục 12 Phụ lục VI-1.2, ...": the list goes on where it could not be read: said, not dropped.
    else if ((r.refs.length > 0 || r.partial.length > 0) && LIST_GOES_ON_RE.test(r.rest)) seg.problem = `references not read: ${r.rest.slice(0, 80)}`;
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
