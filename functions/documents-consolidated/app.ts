import { attachment } from '../../adapters/content-disposition';
import { noticeLines, type RenderedUnit, unitsHtml, unitsText } from '../../domain/consolidate/render';
import { vietnamDate } from '../../domain/dates';
import { consolidatedDocument, printInputOf } from '../../domain/services/consolidation';
import { resolveWork } from '../../domain/services/documents';
import { ConsolidatedQuery, DocumentParams } from '../../schemas/status';
import { httpHandler, json, type AppContext } from '../_shared/http';
import { consolidatedDocx } from '../_shared/print-docx';
import { printFonts } from '../_shared/print-fonts';
import { consolidatedPdf } from '../_shared/print-pdf';

const PRINTED = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

/**
 * The document as in force on a date (hợp nhất), as a JSON tree, plain text or HTML with VBHN-style notes, or as a
 * Word or PDF file set out like a VBHN (domain/consolidate/print.ts), the notes as footnotes.
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-consolidated', params: DocumentParams, query: ConsolidatedQuery }, async ({ params, query, ports }) => {
    const at = query.at ?? vietnamDate(ports.clock.now());
    const work = await resolveWork(ports.works, params.id);
    const c = await consolidatedDocument(ports, work, at);
    const units = c.units as unknown as RenderedUnit[];
    if (query.format === 'text') return json([...noticeLines(c), unitsText(units)].join('\n'), 200, { 'content-type': 'text/plain; charset=utf-8' });
    if (query.format === 'html')
      return json(unitsHtml(`${c.documentNumber ?? c.documentId} — văn bản tại ngày ${at}`, units, c.unapplied, c), 200, {
        'content-type': 'text/html; charset=utf-8',
      });
    if (query.format === 'docx' || query.format === 'pdf') {
      const input = printInputOf(work, c, at);
      const bytes = query.format === 'pdf' ? await consolidatedPdf(input, printFonts()) : await consolidatedDocx(input);
      return json(bytes, 200, {
        'content-type': PRINTED[query.format],
        'content-disposition': attachment(`${c.documentId}-${at}.${query.format}`),
        'x-content-type-options': 'nosniff',
      });
    }
    return json(c);
  });
