import { vietnamDate } from '../../domain/dates';
import { systematization } from '../../domain/services/systematization';
import { systematizationCsv, systematizationHtml } from '../../domain/systematize/render';
import { SystematizationQuery } from '../../schemas/systematization';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** The systematization lists of an issuer or a province at a cut-off date: JSON, CSV (for Excel) or a printable page. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'systematization', query: SystematizationQuery }, async ({ query, ports }) => {
    const at = query.at ?? vietnamDate(ports.clock.now());
    const result = await systematization(ports, {
      at,
      ...(query.issuer ? { issuer: query.issuer } : {}),
      ...(query.province ? { province: query.province } : {}),
    });
    const file = `he-thong-hoa-${at}`;
    if (query.format === 'csv')
      return json(systematizationCsv(result), 200, {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="${file}.csv"`,
      });
    if (query.format === 'html') return json(systematizationHtml(result), 200, { 'content-type': 'text/html; charset=utf-8' });
    return json(result);
  });
