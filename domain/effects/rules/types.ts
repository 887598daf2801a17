/** A rule of the instruction parser: reads a segment it recognises into `seg` and returns true; else false. */
import type { RefPath } from '../refs';
import type { Segment } from '../segment';

export interface SegmentRule {
  name: string;
  /** `rest`: the segment after its verb, without "quy định tại"; `ctx`: the article of the open context. */
  read(seg: Segment, rest: string, ctx: RefPath | null): boolean;
}
