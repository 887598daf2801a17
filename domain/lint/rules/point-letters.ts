/**
 * point.letter_invalid: a point lettered outside the Vietnamese sequence (f, j, w, z). Reported for point units,
 * and for lines of a unit's own text that begin like such a point (`f) ...`): a parser that knows the Vietnamese
 * alphabet leaves them in the text of the point before.
 */
import type { Diagnostic } from '../../model';
import { cite, diag, type LintContext, type LintRule, locatedTextLines, numOf, textOf } from '../context';
import { parseNum, POINT_LETTERS } from '../numbers';

/** A text line that starts like a point with a non-Vietnamese letter: `f) `, `j) `, `f1) `. */
const STRAY_POINT_RE = /^\s*[*_]*([fjwz])(\d{0,2})\)\s+\S/u;

/** What the letter should be instead, from the letter before it in the Vietnamese sequence. */
function hint(letter: string): string {
  const latin = 'abcdefghijklmnopqrstuvwxyz';
  const before = latin.charAt(latin.indexOf(letter) - 1);
  const at = (POINT_LETTERS as readonly string[]).indexOf(before);
  const next = POINT_LETTERS[at + 1];
  return next ? `; after ${before}) comes ${next})` : '';
}

function check(ctx: LintContext): Diagnostic[] {
  const { result } = ctx;
  const out: Diagnostic[] = [];
  for (const node of ctx.nodes) {
    const u = node.unit;
    if (u.kind === 'point') {
      const key = parseNum('point', u.num);
      if (key?.invalidLetter) {
        const where = node.parent ? `${cite(node.parent)}: ` : '';
        out.push(
          diag(
            result,
            'point.letter_invalid',
            'error',
            `${where}point ${numOf(u)}) is not in the Vietnamese sequence a b c d đ e g h i k l m n o p q r s t u v x y${hint(key.invalidLetter)}`,
            u.line,
          ),
        );
      }
    }
    const text = textOf(u);
    if (!/(^|\n)\s*[*_]*[fjwz]\d{0,2}\)/u.test(text)) continue;
    for (const piece of locatedTextLines(result, u, text)) {
      const m = STRAY_POINT_RE.exec(piece.text);
      if (!m?.[1]) continue;
      out.push(
        diag(
          result,
          'point.letter_invalid',
          'error',
          `${cite(node)}: a point lettered ${m[1]}${m[2] ?? ''}) (not in the Vietnamese sequence${hint(m[1])})`,
          piece.line,
        ),
      );
    }
  }
  return out;
}

export const pointLettersRule: LintRule = { name: 'point-letters', scope: 'unit', codes: ['point.letter_invalid'], check };
