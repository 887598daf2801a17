import { DomainError } from '../../domain/errors';
import { bulkFile, readManifest } from '../../domain/services/bulk';
import { BulkParams } from '../../schemas/documents';
import { downloadReply } from '../_shared/download';
import { httpHandler, json, type AppContext } from '../_shared/http';

/** Presigned URLs live this long: enough to start a download of a large dump. */
const LINK_SECONDS = 900;

/**
 * GET /v1/bulk: the files of the latest dump (domain/services/bulk.ts) with size, sha256, record count and time.
 * GET /v1/bulk/{name}: one of them, inline where blobs are local, else a 303 to a short-lived S3 URL.
 */
export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'bulk', params: BulkParams, cacheControl: 'public, max-age=300' }, async ({ params, ports }) => {
    if (!params.name) {
      const manifest = await readManifest(ports);
      return json(
        manifest
          ? { ...manifest, files: manifest.files.map(({ key: _key, ...f }) => ({ ...f, url: `/v1/bulk/${encodeURIComponent(f.name)}` })) }
          : { formatVersion: null, generatedAt: null, validityAt: null, documents: 0, files: [] },
      );
    }
    const file = await bulkFile(ports, params.name);
    const stored = { key: file.key, fileName: file.name, mediaType: file.name.endsWith('.zip') ? 'application/zip' : 'application/gzip', sha256: file.sha256 };
    return downloadReply(ports, stored, LINK_SECONDS, async () => {
      const bytes = await ports.blobs.get(file.key);
      if (!bytes) throw new DomainError('dependency_unavailable', `Bulk file ${file.key} is listed in the manifest but missing from the blob store`);
      return bytes;
    });
  });
