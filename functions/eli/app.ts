import { DomainError, notFound } from '../../domain/errors';
import { eliOf } from '../../domain/eli';
import { WORK_ID_RE } from '../../domain/refs';
import { EliParams } from '../../schemas/documents';
import { httpHandler, json, type AppContext } from '../_shared/http';

/**
 * GET /eli/vn/{type}/{year}/{id}[/{date}] (domain/eli.ts): 303 to the document (`/v1/documents/{id}`) or to its text
 * as in force on the date (`…/consolidated?at=`); a browser (Accept: text/html) to the web page. The URI must be the
 * document's own (type and year as stored); a date before the document was issued names nothing (404).
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'eli', params: EliParams, cacheControl: 'public, max-age=3600' }, async ({ params, headers, ports }) => {
    const work = WORK_ID_RE.test(params.id) ? await ports.works.get(params.id) : null;
    if (!work) throw notFound(`Document ${params.id}`, { ref: params.id });
    if (work.withdrawn)
      throw new DomainError('gone', `${work.number ?? work.id} was withdrawn: ${work.withdrawn.reason}`, { documentId: work.id, withdrawn: work.withdrawn });
    const canonical = eliOf(work);
    if (canonical !== `/eli/vn/${params.type}/${params.year}/${params.id}`)
      throw notFound(
        `/eli/vn/${params.type}/${params.year}/${params.id} (the ELI of ${work.number ?? work.id} is ${canonical ?? 'none: its year is unknown'})`,
        {
          id: work.id,
        },
      );
    if (params.date && work.issued && params.date < work.issued)
      throw notFound(`A version of ${work.number ?? work.id} on ${params.date} (it was issued on ${work.issued})`, { id: work.id });
    const id = encodeURIComponent(work.id);
    const page = /\btext\/html\b/.test(headers.accept ?? '');
    const location = page
      ? `/document.html?id=${id}${params.date ? `&at=${params.date}` : ''}`
      : params.date
        ? `/v1/documents/${id}/consolidated?at=${params.date}`
        : `/v1/documents/${id}`;
    return json({ location, eli: eliOf(work, params.date) }, 303, { location, vary: 'accept' });
  });
