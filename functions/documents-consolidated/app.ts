import { noticeLines, type RenderedUnit, unitsHtml, unitsText } from '../../domain/consolidate/render';
import { consolidatedDocument } from '../../domain/services/consolidation';
import { vietnamDate } from '../../domain/dates';
import { ConsolidatedQuery, DocumentParams } from '../../schemas/status';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** The document as in force on a date (hợp nhất), as a JSON tree, plain text or HTML with VBHN-style notes. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-consolidated', params: DocumentParams, query: ConsolidatedQuery }, async ({ params, query, ports }) => {
    const at = query.at ?? vietnamDate(ports.clock.now());
    const c = await consolidatedDocument(ports, params.id, at);
    const units = c.units as unknown as RenderedUnit[];
    if (query.format === 'text') return json([...noticeLines(c), unitsText(units)].join('\n'), 200, { 'content-type': 'text/plain; charset=utf-8' });
    if (query.format === 'html')
      return json(unitsHtml(`${c.documentNumber ?? c.documentId} — văn bản tại ngày ${at}`, units, c.unapplied, c), 200, {
        'content-type': 'text/html; charset=utf-8',
      });
    return json(c);
  });
