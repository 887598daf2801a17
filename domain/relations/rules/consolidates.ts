/**
 * A consolidated text (VBHN) consolidates the documents its head lists ("Văn bản hợp nhất ... từ: Thông tư số ...").
 * Its body is the merged documents' text: nothing in it is read as an instruction of the VBHN.
 */
import { cut, lineOf } from '../context';
import type { DocumentRule } from './types';

export const consolidates: DocumentRule = {
  name: 'consolidates',
  run(ctx) {
    if (!ctx.isVbhn) return;
    const { work, parsed } = ctx;
    const sources = work.consolidates && work.consolidates.length > 0 ? work.consolidates : parsed.metadata.consolidates;
    for (const c of sources)
      ctx.add({
        type: 'consolidates',
        target: ctx.targetOf(c),
        effectiveFrom: work.issued,
        evidence: { line: lineOf(parsed, c.text), text: cut(c.text) },
      });
    if (sources.length === 0)
      ctx.diagnostics.push({
        code: 'relations.vbhn_without_sources',
        severity: 'warning',
        message: 'A consolidated text whose merged documents could not be read',
      });
  },
};
