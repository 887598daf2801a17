/**
 * S3-compatible server: the s3rver npm package (a devDependency), run as a separate node
 * process (s3rver-main.cjs) so tests can kill it to inject faults. Objects live in
 * <workDir>/data, which survives restartEngine('s3'). Any access key is accepted. SDK v3
 * clients need forcePathStyle: true and requestChecksumCalculation /
 * responseChecksumValidation: 'WHEN_REQUIRED' against it.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { progress, REPO_ROOT, startTimeoutMs } from './config';
import type { EngineDriver } from './driver';
import { EngineError } from './errors';
import { httpGet } from './net';

const LABEL = 'S3 (s3rver)';
const requireFromRepo = createRequire(path.join(REPO_ROOT, 'package.json'));

function s3rverPackage(): { version: string } {
  let pkgFile: string;
  try {
    pkgFile = requireFromRepo.resolve('s3rver/package.json');
  } catch {
    throw new EngineError(LABEL, 'the s3rver package is not installed', 'run npm install (s3rver is a devDependency)');
  }
  return { version: (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { version: string }).version };
}

export const s3: EngineDriver = {
  name: 's3',
  label: LABEL,
  get version() {
    return s3rverPackage().version;
  },
  startTimeoutMs: startTimeoutMs(30_000),
  startFix: 'see the log below; reinstall with npm install',

  async fetch() {
    const { version } = s3rverPackage();
    progress(`${LABEL} ${version}: installed by npm`);
  },

  async launch({ port, workDir }) {
    const dataDir = path.join(workDir, 'data');
    fs.mkdirSync(dataDir, { recursive: true });
    const verbose = process.env.CSDL_ENGINES_VERBOSE ? ['--verbose'] : [];
    s3rverPackage(); // clear error when not installed
    return {
      command: process.execPath,
      args: [path.join(__dirname, 's3rver-main.cjs'), '--port', String(port), '--directory', dataDir, ...verbose],
      cwd: workDir,
    };
  },

  async probe(endpoint) {
    const res = await httpGet(`${endpoint}/`);
    return res?.status === 200 && res.body.includes('ListAllMyBucketsResult');
  },
};
