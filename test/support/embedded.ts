import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbedded } from '../../local/wiring';

const dirs: string[] = [];
// Imported from test files, so this registers with the importing file's suite.
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temporary folder removed after the importing test file. */
export function tempDir(prefix = 'csdl-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export const tempEmbedded = () => openEmbedded(tempDir());
