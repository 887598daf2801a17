// API Gateway (and the local runtime) deliver path parameters already percent-decoded.
import { DomainError } from '../../domain/errors';
import { resolveWork } from '../../domain/services/documents';
import { buildTree } from '../../domain/units';
import { DocumentIdParams } from '../../schemas/documents';
import { httpHandler, json, type AppContext } from '../_shared/http';
import { presentDocument } from '../_shared/present';

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'documents-get', params: DocumentIdParams }, async ({ params, ports }) => {
    const work = await resolveWork(ports.works, params.id);
    // A withdrawn document (domain/services/withdrawal.ts): 410 with who withdrew it, when and why (docs/adr/0011).
    if (work.withdrawn)
      throw new DomainError('gone', `${work.number ?? work.id} was withdrawn: ${work.withdrawn.reason}`, { documentId: work.id, withdrawn: work.withdrawn });
    const units = work.unitSet ? buildTree(await ports.units.listUnits(work.unitSet)) : [];
    return json({ ...presentDocument(work), units });
  });
