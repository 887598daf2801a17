import { type RenderedUnit, unitLabel, unitsText } from '../../domain/consolidate/render';
import { consolidatedDocument } from '../../domain/services/consolidation';
import { vietnamDate } from '../../domain/dates';
import { ConsolidatedQuery, DocumentParams } from '../../schemas/status';
import { httpHandler, json, type AppContext } from '../_shared/http';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function asHtml(title: string, units: RenderedUnit[], unapplied: { targetEId: string; reason: string }[]): string {
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

/** The document as in force on a date (hợp nhất), as a JSON tree, plain text or HTML with VBHN-style notes. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-consolidated', params: DocumentParams, query: ConsolidatedQuery }, async ({ params, query, ports }) => {
    const at = query.at ?? vietnamDate(ports.clock.now());
    const c = await consolidatedDocument(ports, params.id, at);
    const units = c.units as unknown as RenderedUnit[];
    if (query.format === 'text') return json(unitsText(units), 200, { 'content-type': 'text/plain; charset=utf-8' });
    if (query.format === 'html')
      return json(asHtml(`${c.documentNumber ?? c.documentId} — văn bản tại ngày ${at}`, units, c.unapplied), 200, {
        'content-type': 'text/html; charset=utf-8',
      });
    return json(c);
  });
