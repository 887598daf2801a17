/**
 * OpenSearch 2.19.x single node (installed by opensearch-install.ts; no security plugin).
 *
 * Each run gets its own config copy (the shipped files are mode 0660 and jvm.options writes
 * GC logs relative to the install folder), data, logs and tmp folders in its work dir, so the
 * install folder is only ever read. OpenSearch refuses to run as root: as root we create a
 * system user and run the node as that user via setpriv. Binding to 127.0.0.1 with
 * discovery.type=single-node keeps the bootstrap checks (vm.max_map_count, …) as warnings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { installOnce } from './cache';
import { ENGINE_USER, progress, startTimeoutMs, TMP_ROOT } from './config';
import type { EngineDriver } from './driver';
import { EngineError } from './errors';
import { requireJava } from './jvm';
import { HOME, installOpenSearch, VERSION } from './opensearch-install';
import { freePort, HOST, httpGet } from './net';
import { runSync, which } from './process';

const LABEL = 'OpenSearch';
const SOURCE_STAMP = '.source-installed';
const JAVA_OPTS = process.env.CSDL_OPENSEARCH_JAVA_OPTS ?? '-Xms512m -Xmx512m';

interface UnprivilegedUser {
  uid: number;
  gid: number;
}

/** Create (once) the system user OpenSearch runs as when we are root. */
function ensureEngineUser(): UnprivilegedUser {
  const fix = `run the tests as a non-root user, or create one: useradd --system --user-group --no-create-home ${ENGINE_USER}`;
  if (!which('setpriv')) throw new EngineError(LABEL, 'running as root but setpriv is missing', `install util-linux, or ${fix}`);
  if (!runSync('id', ['-u', ENGINE_USER]).ok) {
    const created = runSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', ENGINE_USER]);
    // A concurrent run may have created it between our two calls: only the end state matters.
    if (!runSync('id', ['-u', ENGINE_USER]).ok) {
      throw new EngineError(LABEL, `running as root and could not create user ${ENGINE_USER} (${created.output || 'useradd failed'})`, fix);
    }
    progress(`${LABEL}: created system user ${ENGINE_USER} (OpenSearch refuses to run as root)`);
  }
  return { uid: Number(runSync('id', ['-u', ENGINE_USER]).output), gid: Number(runSync('id', ['-g', ENGINE_USER]).output) };
}

function asUser(user: UnprivilegedUser, command: string, args: string[]): boolean {
  return runSync('setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--init-groups', '--', command, ...args]).ok;
}

/**
 * The install folder as the unprivileged user can read it. When a parent folder of the repo is
 * closed to other users (e.g. a clone under /root), use a world-readable copy in the temp root.
 */
async function homeReadableBy(user: UnprivilegedUser): Promise<string> {
  const readable = (dir: string) => asUser(user, 'test', ['-x', path.join(dir, 'bin', 'opensearch'), '-a', '-r', path.join(dir, 'lib')]);
  if (readable(HOME)) return HOME;
  const copy = path.join(TMP_ROOT, `csdl-engines-opensearch-${VERSION}`);
  const stamp = (dir: string) => fs.readFileSync(path.join(dir, '.installed'), 'utf8');
  const upToDate = (dir: string) => fs.existsSync(path.join(dir, SOURCE_STAMP)) && fs.readFileSync(path.join(dir, SOURCE_STAMP), 'utf8') === stamp(HOME);
  const copied = await installOnce(
    copy,
    async (staging) => {
      progress(`${LABEL}: ${HOME} is not readable by ${ENGINE_USER}; copying it to ${copy}`);
      fs.cpSync(HOME, staging, { recursive: true });
      fs.writeFileSync(path.join(staging, SOURCE_STAMP), stamp(HOME));
      runSync('chmod', ['-R', 'a+rX', staging]);
    },
    upToDate,
  );
  if (!copied) progress(`${LABEL}: using ${copy} (${HOME} is not readable by ${ENGINE_USER})`);
  if (!readable(copy)) throw new EngineError(LABEL, `${copy} is not readable by user ${ENGINE_USER}`, `check the permissions of ${TMP_ROOT}`);
  return copy;
}

/** Per-run config folder: a copy of the shipped one with all relative paths made absolute. */
function writeConfig(home: string, configDir: string, workDir: string): void {
  fs.cpSync(path.join(home, 'config'), configDir, { recursive: true });
  const jvmOptions = path.join(configDir, 'jvm.options');
  const text = fs
    .readFileSync(jvmOptions, 'utf8')
    .replace(/^-Xm[sx]\S+$/gm, '# heap set by OPENSEARCH_JAVA_OPTS')
    .replace(/=logs\//g, `=${path.join(workDir, 'logs')}/`)
    .replace(/HeapDumpPath=data\b/g, `HeapDumpPath=${path.join(workDir, 'data')}`);
  fs.writeFileSync(jvmOptions, text);
}

export const opensearch: EngineDriver = {
  name: 'opensearch',
  label: LABEL,
  version: VERSION,
  startTimeoutMs: startTimeoutMs(180_000),
  startFix:
    'see the log below (common causes: too little free memory for the 512 MB heap, a port clash, or a stale data folder); ' +
    'a corrupt install is fixed by deleting ' +
    HOME,

  async fetch() {
    const installed = await installOpenSearch();
    progress(installed ? `${LABEL} ${VERSION}: installed in ${HOME}` : `${LABEL} ${VERSION}: already fetched (${HOME})`);
  },

  async launch({ port, workDir, firstStart }) {
    const { home: javaHome } = requireJava(LABEL);
    const user = process.getuid?.() === 0 ? ensureEngineUser() : undefined;
    const home = user ? await homeReadableBy(user) : HOME;
    const dirs = { data: path.join(workDir, 'data'), logs: path.join(workDir, 'logs'), tmp: path.join(workDir, 'tmp') };
    const configDir = path.join(workDir, 'config');
    if (firstStart) {
      for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
      writeConfig(home, configDir, workDir);
      if (user) {
        const chown = runSync('chown', ['-R', `${user.uid}:${user.gid}`, workDir]);
        if (!chown.ok) throw new EngineError(LABEL, `could not chown ${workDir} to ${ENGINE_USER}: ${chown.output}`, 'check the temp folder');
      }
    }
    const transportPort = await freePort();
    return {
      command: path.join(home, 'bin', 'opensearch'),
      args: [
        '-Ediscovery.type=single-node',
        `-Ecluster.name=csdl-engines`,
        `-Enode.name=csdl-engines-${port}`,
        `-Enetwork.host=${HOST}`,
        `-Ehttp.port=${port}`,
        `-Etransport.port=${transportPort}`,
        `-Epath.data=${dirs.data}`,
        `-Epath.logs=${dirs.logs}`,
        '-Ecluster.routing.allocation.disk.threshold_enabled=false',
      ],
      cwd: workDir,
      env: {
        OPENSEARCH_JAVA_HOME: process.env.OPENSEARCH_JAVA_HOME ?? javaHome,
        OPENSEARCH_PATH_CONF: configDir,
        OPENSEARCH_TMPDIR: dirs.tmp,
        OPENSEARCH_JAVA_OPTS: JAVA_OPTS,
        HOME: workDir,
      },
      ...(user ? { runAs: user } : {}),
    };
  },

  async probe(endpoint) {
    const res = await httpGet(`${endpoint}/_cluster/health?wait_for_status=yellow&timeout=1s`, 3_000);
    if (res?.status !== 200) return false;
    return (JSON.parse(res.body) as { status?: string }).status !== 'red';
  },
};
