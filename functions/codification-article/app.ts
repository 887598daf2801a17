import { normalizeCodeInput } from '../../domain/codify/code';
import { DomainError, notFound } from '../../domain/errors';
import { articleView } from '../../domain/services/codification';
import { ArticleParams } from '../../schemas/codification';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** A codified article by its code, in any spelling (`Điều 36.3.LQ.1.`, `36.3.lq.1`). */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'codification-article', params: ArticleParams }, async ({ params, ports }) => {
    const code = normalizeCodeInput(params.code);
    if (!code) throw new DomainError('validation', `${params.code} is not a codified article code (like 36.3.LQ.1)`);
    const found = await ports.codification.getArticles(code);
    if (found.length === 0) throw notFound(`Codified article ${code}`, { code });
    const headings = new Map<string, string | null>();
    for (const a of found) if (!headings.has(a.headingId)) headings.set(a.headingId, (await ports.codification.getHeading(a.headingId))?.title ?? null);
    return json({ articles: found.map((a) => ({ ...articleView(a), headingId: a.headingId, headingTitle: headings.get(a.headingId) ?? null })) });
  });
