/**
 * The one renderer of consolidated units (the API's text and HTML, the CLI), as printed: "Chương II", "Điều 5. Tên
 * điều", "1. …", "a) …", with the notes of changed units.
 */

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

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A consolidated document as an HTML page: each unit a section (its eId the anchor), the notes, what was not applied. */
export function unitsHtml(title: string, units: RenderedUnit[], unapplied: { targetEId: string; reason: string }[]): string {
  const walk = (us: RenderedUnit[]): string =>
    us
      .map(
        (u) =>
          `<section id="${esc(u.eId)}" class="${esc(u.kind)}${u.repealed ? ' repealed' : ''}"><p><b>${esc(unitLabel(u))}</b>${u.heading ? ` <b>${esc(u.heading)}</b>` : ''} ${esc(u.text)}</p>${(u.sources ?? []).map((s) => `<p class="note"><i>(${esc(s.note)})</i></p>`).join('')}${walk(u.children)}</section>`,
      )
      .join('');
  const flagged = unapplied.map((x) => `<li>${esc(x.targetEId)}: ${esc(x.reason)}</li>`).join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${flagged ? `<aside><h2>Sửa đổi chưa áp dụng được</h2><ul>${flagged}</ul></aside>` : ''}${walk(units)}</body></html>`;
}
