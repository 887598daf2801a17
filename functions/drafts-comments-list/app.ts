import { commentSynthesis } from '../../domain/services/drafting';
import { synthesisCsv } from '../../domain/drafting/synthesis';
import { CommentsQuery, DraftParams } from '../../schemas/drafting';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Bảng tổng hợp ý kiến: comments per unit of the newest version (carried over), orphans apart; JSON or CSV. */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'drafts-comments-list', params: DraftParams, query: CommentsQuery, cacheControl: 'no-cache' }, async ({ params, query, ports }) => {
    const s = await commentSynthesis(ports, params.id);
    if (query.format === 'csv')
      return json(synthesisCsv(s), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="tong-hop-y-kien-${s.draftId}-v${s.version}.csv"`,
      });
    return json(s);
  });
