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
  /** Not in force on the date asked (domain/consolidate/validity.ts): the note says why and since when. */
  validity?: { status: string; note: string };
}

/** What a consolidated text says above its units: the document's validity when it is not in force, the missing amendments. */
export interface TextNotice {
  validity: { status: string; label: string; since: string | null; inForce: boolean; reasons: { message: string }[] };
  pending: { inEffect: boolean; message: string }[];
}

/** The lines said above the text: why the document is not in force (and since when), amendments not consolidated. */
export function noticeLines(n: TextNotice): string[] {
  const out: string[] = [];
  if (!n.validity.inForce) {
    const why = n.validity.reasons.map((r) => r.message).join('; ');
    out.push(`${n.validity.label.toUpperCase()}${n.validity.since ? ` từ ngày ${n.validity.since}` : ''}${why ? `: ${why}` : ''}`);
  }
  for (const p of n.pending) if (p.inEffect) out.push(`CHƯA HỢP NHẤT: ${p.message}`);
  return out;
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
      if (u.validity) out.push(`(${u.validity.note})`);
      walk(u.children);
    }
  };
  walk(units);
  return out.join('\n');
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A consolidated document as an HTML page: each unit a section (its eId the anchor), the notes, what was not applied. */
export function unitsHtml(title: string, units: RenderedUnit[], unapplied: { targetEId: string; reason: string }[], notice?: TextNotice): string {
  const walk = (us: RenderedUnit[]): string =>
    us
      .map(
        (u) =>
          `<section id="${esc(u.eId)}" class="${esc(u.kind)}${u.repealed ? ' repealed' : ''}${u.validity ? ` ${esc(u.validity.status)}` : ''}"><p><b>${esc(unitLabel(u))}</b>${u.heading ? ` <b>${esc(u.heading)}</b>` : ''} ${esc(u.text)}</p>${(u.sources ?? []).map((s) => `<p class="note"><i>(${esc(s.note)})</i></p>`).join('')}${u.validity ? `<p class="note validity"><i>(${esc(u.validity.note)})</i></p>` : ''}${walk(u.children)}</section>`,
      )
      .join('');
  const flagged = unapplied.map((x) => `<li>${esc(x.targetEId)}: ${esc(x.reason)}</li>`).join('');
  const said = notice ? noticeLines(notice) : [];
  const banner = said.length ? `<aside class="validity" role="status">${said.map((l) => `<p><b>${esc(l)}</b></p>`).join('')}</aside>` : '';
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${banner}${flagged ? `<aside><h2>Sửa đổi chưa áp dụng được</h2><ul>${flagged}</ul></aside>` : ''}${walk(units)}</body></html>`;
}
