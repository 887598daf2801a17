import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbedded } from '../../local/wiring';

export const tempEmbedded = () => openEmbedded(mkdtempSync(join(tmpdir(), 'csdl-test-')));
