// `node test/engines/cli.mjs fetch|start` — loads cli.ts through tsx's API (tsx is a dependency).
import { tsImport } from 'tsx/esm/api';

await tsImport('./cli.ts', import.meta.url);
