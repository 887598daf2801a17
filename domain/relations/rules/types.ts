/** The two kinds of rules of the relation extractor (rules/index.ts lists them in the order they run). */
import type { ExtractContext, Paragraph } from '../context';

/** Reads the document as a whole (its title, head, a list), before or after the body's paragraphs. */
export interface DocumentRule {
  name: string;
  run(ctx: ExtractContext): void;
}

/**
 * Reads one paragraph of the body: `s` as printed (quotes blanked), `body` without its unit marker. True: the
 * paragraph is read, and no later rule looks at it.
 */
export interface ParagraphRule {
  name: string;
  read(ctx: ExtractContext, p: Paragraph, s: string, body: string): boolean;
}
