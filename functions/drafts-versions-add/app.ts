import { addVersion } from '../../domain/services/drafting';
import { AddVersionRequest, DraftParams } from '../../schemas/drafting';
import { actorOf } from '../_shared/actor';
import { httpHandler, json, type AppContext } from '../_shared/http';

/**
 * The drafting team uploads a version: parsed and linted; with format errors in strict mode (the default) it is
 * stored as `rejected` with its findings (201 all the same: it was recorded, and the findings are in the answer).
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'drafts-versions-add', params: DraftParams, body: AddVersionRequest }, async ({ params, body, ports, identity }) => {
    const bytes = body.encoding === 'base64' ? Buffer.from(body.content, 'base64') : Buffer.from(body.content, 'utf8');
    const version = await addVersion(ports, actorOf(identity), params.id, {
      fileName: body.fileName,
      bytes: new Uint8Array(bytes),
      ...(body.note !== undefined ? { note: body.note } : {}),
      ...(body.strict !== undefined ? { strict: body.strict } : {}),
    });
    ctx.logger.info('Draft version recorded', { draftId: params.id, version: version.n, status: version.status, findings: version.findings.length });
    const { draftId, ...rest } = version;
    return json({ draftId, version: rest }, 201, { location: `/v1/drafts/${draftId}?version=${version.n}` });
  });
