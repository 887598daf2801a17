/** Consolidated units as plain text, as printed: "Điều 5. Tên điều", "1. …", "a) …", with the notes of changed units. */

/** The fields of a (consolidated) unit that rendering reads. */
export interface RenderedUnit {
  kind: string;
  num: string;
  eId: string;
  heading: string | null;
  text: string;
  children: RenderedUnit[];
  sources?: { note: string }[];
  repealed?: boolean;
}

/** A unit's label as printed before its text: `Điều 5.`, `1.`, `a)`, `Chương II`, `Phần I`, `Mục 2`. */
export function unitLabel(u: Pick<RenderedUnit, 'kind' | 'num'>): string {
  return u.kind === 'article'
    ? `Điều ${u.num}.`
    : u.kind === 'clause'
      ? `${u.num}.`
      : u.kind === 'point'
        ? `${u.num})`
        : u.kind === 'chapter'
          ? `Chương ${u.num}`
          : u.kind === 'part'
            ? `Phần ${u.num}`
            : u.kind === 'section'
              ? `Mục ${u.num}`
              : u.num;
}

/** Units and everything inside them, one line each (a changed unit's note in brackets after it). */
export function unitsText(units: RenderedUnit[]): string {
  const out: string[] = [];
  const walk = (us: RenderedUnit[]) => {
    for (const u of us) {
      out.push([unitLabel(u), u.heading, u.text].filter(Boolean).join(' '));
      for (const s of u.sources ?? []) out.push(`(${s.note})`);
      walk(u.children);
    }
  };
  walk(units);
  return out.join('\n');
}
