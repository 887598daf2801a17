#!/usr/bin/env node
/**
 * postinstall: the project runs on the Node.js its `node` devDependency installs (node_modules/.bin/node, first on
 * the PATH of every npm script), which may not be the Node that ran `npm install`. better-sqlite3 is a native module
 * built for one Node ABI: when it does not load under the project's Node, rebuild it for that Node, with the headers
 * that the same npm package carries (nothing is downloaded). A no-op when it loads.
 */
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const loads = () => {
  try {
    execFileSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, stdio: 'pipe' });
    return true;
  } catch (e) {
    return String(e.stderr ?? e.message);
  }
};

const first = loads();
if (first === true) {
  console.log(`[native] better-sqlite3 loads under node ${process.version}`);
  process.exit(0);
}
const headers = (() => {
  for (const base of [join(root, 'node_modules', 'node', 'node_modules'), join(root, 'node_modules')]) {
    const dir = join(base, `node-${process.platform}-${process.arch}`);
    if (existsSync(join(dir, 'include', 'node', 'node_api.h'))) return dir;
  }
  return null;
})();
console.log(
  `[native] better-sqlite3 does not load under node ${process.version} (${first.split('\n').find((l) => /Error|version/.test(l)) ?? 'load failed'}); rebuilding`,
);
const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` };
if (headers) env.npm_config_nodedir = headers;
execFileSync('npm', ['rebuild', 'better-sqlite3', '--foreground-scripts'], { cwd: root, env, stdio: 'inherit' });
const second = loads();
if (second !== true) {
  console.error(`[native] better-sqlite3 still does not load under node ${process.version} after a rebuild:\n${second}`);
  process.exit(1);
}
console.log(`[native] better-sqlite3 rebuilt for node ${process.version}`);
