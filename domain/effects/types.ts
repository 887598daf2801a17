/**
 * Effects (ARCHITECTURE.md §3): what an amending document does to another one, as first-class records. Each
 * instruction of an amending text ("Sửa đổi, bổ sung khoản 3 Điều 32 như sau: ...") becomes one effect per target
 * unit. Plain data: the instruction parser (instructions.ts) makes them, the consolidation engine applies them.
 */
import type { Diagnostic, Unit } from '../model';

export type EffectOperation =
  | 'replace_unit'
  | 'rename_heading'
  | 'insert_after'
  | 'insert_into'
  | 'repeal_unit'
  | 'replace_phrase'
  | 'insert_phrase'
  | 'delete_phrase'
  | 'replace_appendix'
  | 'replace_work'
  | 'repeal_work'
  | 'suspend';

export type EffectState = 'pending' | 'applied' | 'unapplied';

export interface EffectSource {
  /** The amending work. */
  workId: string;
  /** Its official number (`02/2023/TT-BLĐTBXH`), for notes. */
  number: string | null;
  /** Its type as printed in citations (`Thông tư`, `Luật`), for notes. */
  typeLabel: string | null;
  /** The instructing unit of the amending work (`art_1__para_3__point_a`). */
  eId: string;
  /** The instruction as printed (wrapped lines joined), without its new text. */
  text: string;
  /** 1-based line of the instruction in the amending document's ParseResult.lines. */
  line: number;
}

export interface EffectTarget {
  /** The targeted work, when it can be told from the number; null leaves resolution to the caller. */
  workId: string | null;
  number: string | null;
  /**
   * The unit: `art_51`, `art_32__para_3__point_a`, `chp_II`, `app_II`. For insertions, the NEW unit's eId
   * (`art_70a`, `art_148__para_4a`). Empty for phrase edits over the whole work and for work-level operations.
   */
  eId: string;
}

export interface EffectPayload {
  /** New text parsed into units whose eIds are those they take in the target (replacements and insertions). */
  units?: Unit[];
  /** New heading (rename_heading). */
  heading?: string;
  /** The phrase replaced, inserted or deleted. */
  phrase?: string;
  /** The replacement phrase (replace_phrase). */
  replacement?: string;
  /** The phrase next to which `phrase` is inserted (insert_phrase). */
  anchorPhrase?: string;
  /** insert_phrase: before or after the anchor phrase. */
  position?: 'before' | 'after';
  /** insert_after: the sibling after which the new unit goes. */
  anchorEId?: string;
}

export interface Effect {
  /** Stable: `<source work id>:<instruction eId>:<ordinal>`. */
  id: string;
  source: EffectSource;
  target: EffectTarget;
  operation: EffectOperation;
  payload: EffectPayload;
  /** ISO date: the amending document's effective date, or the date a provision gives that instruction. */
  effectiveFrom: string | null;
  state: EffectState;
  reason?: string;
}

export interface ParseInstructionsResult {
  effects: Effect[];
  diagnostics: Diagnostic[];
}
