import { bulkFile, readManifest } from '../../domain/services/bulk';
import { BulkParams } from '../../schemas/documents';
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
    const mediaType = file.name.endsWith('.zip') ? 'application/zip' : 'application/gzip';
    const digest = { 'repr-digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`, 'x-content-sha256': file.sha256 };
    if (ports.blobs.downloadUrl) {
      const location = await ports.blobs.downloadUrl(file.key, { fileName: file.name, mediaType, seconds: LINK_SECONDS });
      return json({ location, fileName: file.name, sha256: file.sha256 }, 303, { ...digest, location, 'cache-control': 'no-store' });
    }
    const bytes = await ports.blobs.get(file.key);
    if (!bytes) throw new Error(`Bulk file ${file.key} is listed in the manifest but missing from the blob store`);
    return json(bytes, 200, { ...digest, 'content-type': mediaType, 'content-disposition': `attachment; filename="${file.name}"` });
  });
