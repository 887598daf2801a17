// API Gateway (and the local runtime) deliver path parameters already percent-decoded.
import { DomainError } from '../../domain/errors';
import { resolveWork } from '../../domain/services/documents';
import { aknOfWork } from '../../domain/services/export';
import { buildTree } from '../../domain/units';
import { DocumentIdParams, DocumentQuery } from '../../schemas/documents';
import { httpHandler, json, type AppContext } from '../_shared/http';
import { presentDocument } from '../_shared/present';

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-get', params: DocumentIdParams, query: DocumentQuery }, async ({ params, query, ports }) => {
    const work = await resolveWork(ports.works, params.id);
    // A withdrawn document (domain/services/withdrawal.ts): 410 with who withdrew it, when and why (docs/adr/0011).
    if (work.withdrawn)
      throw new DomainError('gone', `${work.number ?? work.id} was withdrawn: ${work.withdrawn.reason}`, { documentId: work.id, withdrawn: work.withdrawn });
    // Akoma Ntoso 3.0 (domain/export/akn.ts): the text as promulgated, or as in force on `at`.
    if (query.format === 'akn') return json(await aknOfWork(ports, work, query.at), 200, { 'content-type': 'application/akn+xml; charset=utf-8' });
    if (query.at)
      throw new DomainError('validation', 'at: only with format=akn (the JSON text as in force on a date is GET /v1/documents/{id}/consolidated?at=)');
    const units = work.unitSet ? buildTree(await ports.units.listUnits(work.unitSet)) : [];
    // The codified articles that carry its articles (the reverse lookup of the Bộ pháp điển's source notes).
    const codified = (await ports.codification.findBySource(work.id)).map((a) => ({
      article: a.sourceArticle,
      code: a.code,
      headingId: a.headingId,
      title: a.title,
    }));
    // A work promulgated from a draft: the draft and its appraisal (thẩm định) on record.
    const drafting =
      work.promotedFrom && ports.drafts ? { ...work.promotedFrom, appraisals: await ports.drafts.listAppraisals(work.promotedFrom.draftId) } : undefined;
    return json({ ...presentDocument(work), units, codified, ...(drafting ? { drafting } : {}) });
  });
