/** The uploaded files of an import (docs/adr/0010) in the local blob folder: `<root>/imports/phapdien/<id>/...`. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportFiles } from '../../domain/ports';
import { FileBlobStore } from './blob-store';

export class FileImportFiles implements ImportFiles {
  private readonly blobs: FileBlobStore;

  constructor(private readonly root: string) {
    this.blobs = new FileBlobStore(root);
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      const entries = await readdir(join(this.root, ...rel.split('/').filter(Boolean)), { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return [];
        throw e;
      });
      for (const e of entries) {
        const key = `${rel}${e.name}`;
        if (e.isDirectory()) await walk(`${key}/`);
        else if (e.isFile() && !e.name.endsWith('.tmp')) keys.push(key);
      }
    };
    await walk(prefix.endsWith('/') ? prefix : `${prefix}/`);
    return keys.sort();
  }

  get(key: string): Promise<Uint8Array | null> {
    return this.blobs.get(key);
  }
}
