/** Roman numerals, as legal texts number their parts, chapters and sections (one table, one reading). */

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** The sum a Roman numeral spells, each letter subtracted when a larger one follows it. */
function romanSum(s: string): number {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s.charAt(i)] ?? 0;
    const next = ROMAN[s.charAt(i + 1)] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** A Roman numeral as a text prints it, read leniently (`IIII` → 4): I to C only (parts, chapters, sections); null otherwise. */
export function romanToInt(s: string): number | null {
  return /^[IVXLC]+$/.test(s) ? romanSum(s) : null;
}

/** A Roman numeral in canonical form (`IV`, not `IIII` nor `IIV`), 1..3999; null otherwise (the format linter). */
export function parseRoman(s: string): number | null {
  if (!/^[IVXLCDM]+$/.test(s) || s.length > 15) return null;
  const total = romanSum(s);
  return total > 0 && total < 4000 && toRoman(total) === s ? total : null;
}

export function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, r] of table) {
    while (rest >= v) {
      out += r;
      rest -= v;
    }
  }
  return out;
}
