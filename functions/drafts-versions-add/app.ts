import { addVersion } from '../../domain/services/drafting';
import { AddVersionRequest, DraftParams } from '../../schemas/drafting';
import { actorOf, idempotencyKeyOf, replayedHeader } from '../_shared/actor';
import { httpHandler, json, type AppContext } from '../_shared/http';

/**
 * The drafting team uploads a version: parsed and linted; with format errors in strict mode (the default) it is
 * stored as `rejected` with its findings (201 all the same: it was recorded, and the findings are in the answer).
 * Idempotent (issue 22): a repeat with the same `Idempotency-Key`, or without one the same file, note and mode from
 * the same drafter, answers 200 with the version stored first.
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'drafts-versions-add', params: DraftParams, body: AddVersionRequest }, async ({ params, body, ports, identity, headers }) => {
    const bytes = body.encoding === 'base64' ? Buffer.from(body.content, 'base64') : Buffer.from(body.content, 'utf8');
    const key = idempotencyKeyOf(headers);
    const { value: version, replayed } = await addVersion(ports, actorOf(identity), params.id, {
      fileName: body.fileName,
      bytes: new Uint8Array(bytes),
      ...(body.note !== undefined ? { note: body.note } : {}),
      ...(body.strict !== undefined ? { strict: body.strict } : {}),
      ...(key !== undefined ? { idempotencyKey: key } : {}),
    });
    ctx.logger.info('Draft version recorded', { draftId: params.id, version: version.n, status: version.status, findings: version.findings.length, replayed });
    const { draftId, ...rest } = version;
    return json({ draftId, version: rest }, replayed ? 200 : 201, { location: `/v1/drafts/${draftId}?version=${version.n}`, ...replayedHeader(replayed) });
  });
