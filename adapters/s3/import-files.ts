/** The uploaded files of an import (docs/adr/0010), listed and read under their prefix in the originals bucket. */
import { ListObjectsV2Command, type ListObjectsV2CommandOutput, type S3Client } from '@aws-sdk/client-s3';
import type { ImportFiles } from '../../domain/ports';
import { S3BlobStore } from './blob-store';

export class S3ImportFiles implements ImportFiles {
  private readonly blobs: S3BlobStore;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {
    this.blobs = new S3BlobStore(client, bucket);
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const res: ListObjectsV2CommandOutput = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
      );
      for (const o of res.Contents ?? []) if (o.Key && !o.Key.endsWith('/')) keys.push(o.Key);
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  get(key: string): Promise<Uint8Array | null> {
    return this.blobs.get(key);
  }
}
