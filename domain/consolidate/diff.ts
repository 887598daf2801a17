/** A word-level diff (longest common subsequence on words), small and dependency-free. */

export type DiffOp = { op: 'equal' | 'delete' | 'insert'; text: string };

/** Above this many cells the middle is reported as one deletion and one insertion (the ends still line up). */
const MAX_CELLS = 4_000_000;

export function wordDiff(before: string, after: string): DiffOp[] {
  const a = before.split(/\s+/).filter(Boolean);
  const b = after.split(/\s+/).filter(Boolean);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const midA = a.slice(pre, a.length - suf);
  const midB = b.slice(pre, b.length - suf);
  const ops: DiffOp[] = [];
  const push = (op: DiffOp['op'], word: string) => {
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += ` ${word}`;
    else ops.push({ op, text: word });
  };
  for (const w of a.slice(0, pre)) push('equal', w);
  if (midA.length * midB.length > MAX_CELLS) {
    for (const w of midA) push('delete', w);
    for (const w of midB) push('insert', w);
  } else {
    const n = midA.length;
    const m = midB.length;
    // lcs[i][j] = LCS length of midA[i..] and midB[j..], in one flat array.
    const lcs = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * (m + 1) + j] =
          midA[i] === midB[j]
            ? (lcs[(i + 1) * (m + 1) + j + 1] as number) + 1
            : Math.max(lcs[(i + 1) * (m + 1) + j] as number, lcs[i * (m + 1) + j + 1] as number);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push('equal', midA[i] as string);
        i++;
        j++;
      } else if ((lcs[(i + 1) * (m + 1) + j] as number) >= (lcs[i * (m + 1) + j + 1] as number)) push('delete', midA[i++] as string);
      else push('insert', midB[j++] as string);
    }
    while (i < n) push('delete', midA[i++] as string);
    while (j < m) push('insert', midB[j++] as string);
  }
  for (const w of a.slice(a.length - suf)) push('equal', w);
  return ops;
}

/** A word diff as one line of text: `[-removed-]` and `{+added+}` among the words kept (feeds, assistants). */
export const diffToText = (ops: DiffOp[]): string =>
  ops.map((o) => (o.op === 'delete' ? `[-${o.text}-]` : o.op === 'insert' ? `{+${o.text}+}` : o.text)).join(' ');
