/** Originals in S3. Keys are content-addressed, so a retried put writes the same bytes again: harmless. */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobStore } from '../../domain/ports';
import { attachment } from '../content-disposition';
import { asDependencyError, guardStoreErrors } from '../dynamodb/errors';

export class S3BlobStore implements BlobStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {
    // An unreachable or failing S3 surfaces as DomainError('dependency_unavailable') (503), not a raw SDK error.
    guardStoreErrors(client, 'S3');
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  /** A presigned GET (signed locally, no request to S3) that names the file and its media type in the response. */
  async downloadUrl(key: string, options: { fileName: string; mediaType: string; seconds: number }): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: attachment(options.fileName),
      ResponseContentType: options.mediaType,
    });
    return getSignedUrl(this.client, command, { expiresIn: options.seconds });
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      // The body streams after the response headers: a connection cut here is no SDK error yet.
      return res.Body ? await res.Body.transformToByteArray().catch((e: unknown) => Promise.reject(asDependencyError(e, 'S3'))) : new Uint8Array();
    } catch (e) {
      if (e instanceof NoSuchKey || (e as Error).name === 'NoSuchKey') return null;
      throw e;
    }
  }
}
