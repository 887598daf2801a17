/**
 * Finding and reading Bộ pháp điển export files on disk for `csdl phapdien import` and the search benchmark:
 * `demuc/*.html` or `*.html.gz` files (one đề mục each) and `tree.json`, given as files or folders (searched
 * recursively).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface ExportFile {
  path: string;
  kind: 'heading' | 'tree';
}

const isHeading = (name: string) => /\.html?(\.gz)?$/i.test(name);
const isTree = (name: string) => /^tree\.json(\.gz)?$/i.test(name);

export async function findExportFiles(inputs: string[]): Promise<ExportFile[]> {
  const out: ExportFile[] = [];
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    const s = await stat(path).catch(() => null);
    if (!s) {
      if (explicit) throw new Error(`${path}: no such file or folder`);
      return;
    }
    if (s.isDirectory()) {
      for (const name of (await readdir(path)).sort()) await visit(join(path, name), false);
      return;
    }
    const name = basename(path);
    if (isTree(name)) out.push({ path, kind: 'tree' });
    else if (isHeading(name)) out.push({ path, kind: 'heading' });
    else if (explicit) throw new Error(`${path}: not a đề mục file (.html, .html.gz) nor tree.json`);
  };
  for (const input of inputs) await visit(input, true);
  // The tree first: topic names are known before the headings that belong to them.
  return out.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'tree' ? -1 : 1));
}

/** The file's text, gunzipped when it is gzip (by its magic bytes, whatever its name). */
export async function readExportFile(path: string): Promise<string> {
  const bytes = await readFile(path);
  const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return plain.toString('utf8').replace(/^\uFEFF/, '');
}

/** The export's file id: `demuc/012d9b93-....html.gz` → `012d9b93-...`. */
export const exportFileId = (path: string) => basename(path).replace(/\.html?(\.gz)?$/i, '');
