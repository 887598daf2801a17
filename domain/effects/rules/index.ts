/**
 * The rules of the instruction parser, in the order they are tried on a segment (like lint/rules): phrase edits,
 * whole documents, forms, then units. A new kind of instruction is one file here and its sentences in the tests.
 */
import type { RefPath } from '../refs';
import { emptySegment, type Segment, type Verb } from '../segment';
import { forms } from './forms';
import { phrases } from './phrases';
import type { SegmentRule } from './types';
import { units } from './units';
import { works } from './works';

export const SEGMENT_RULES: readonly SegmentRule[] = [phrases, works, forms, units];

/** One segment of an instruction: verb (given or inherited) + what follows it, read by the first rule that knows it. */
export function parseSegment(verb: Verb, rest0: string, ctx: RefPath | null): Segment {
  const seg = emptySegment(verb);
  const rest = rest0.replace(/^(?:quy định tại|toàn bộ quy định tại|nội dung(?: quy định)? tại)\s+/u, '').trim();
  for (const rule of SEGMENT_RULES) if (rule.read(seg, rest, ctx)) break;
  return seg;
}
