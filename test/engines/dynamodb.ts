/**
 * DynamoDB Local (com.amazonaws:DynamoDBLocal 2.x) from Maven Central: a generated pom in the
 * cache folder + `dependency:copy-dependencies` puts the jar, its dependencies and the
 * sqlite4java native libraries (libsqlite4java-linux-amd64-*.so) in one lib/ folder, which is
 * both the classpath and -Djava.library.path. Runs -inMemory: a restart loses all tables.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { installOnce } from './cache';
import { CACHE_DIR, progress, startTimeoutMs, VERSIONS } from './config';
import type { EngineDriver } from './driver';
import { EngineError } from './errors';
import { requireJava } from './jvm';
import { copyDependenciesPom, runMaven } from './maven';

const LABEL = 'DynamoDB Local';
const VERSION = VERSIONS.dynamodb;
const HOME = path.join(CACHE_DIR, `dynamodb-local-${VERSION}`);
const LIB = path.join(HOME, 'lib');
const MAIN_CLASS = 'com.amazonaws.services.dynamodbv2.local.main.ServerRunner';
const JAVA_OPTS = (process.env.CSDL_DYNAMODB_JAVA_OPTS ?? '-Xms256m -Xmx2g').split(/\s+/).filter(Boolean);

const COORDS = `com.amazonaws:DynamoDBLocal:${VERSION}`;

/** Local credentials: DynamoDB Local 2.x accepts only letters and digits in the access key. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'ap-southeast-1';

export const dynamodb: EngineDriver = {
  name: 'dynamodb',
  label: LABEL,
  version: VERSION,
  startTimeoutMs: startTimeoutMs(60_000),
  startFix: `see the log below; delete ${HOME} to force a fresh fetch`,

  async fetch() {
    const installed = await installOnce(HOME, async (staging) => {
      progress(`${LABEL} ${VERSION}: fetching ${COORDS} with Maven…`);
      fs.mkdirSync(staging, { recursive: true });
      fs.writeFileSync(path.join(staging, 'pom.xml'), copyDependenciesPom('dynamodb-local', COORDS));
      await runMaven(LABEL, 'dynamodb', COORDS, staging);
      const libs = fs.readdirSync(path.join(staging, 'lib'));
      if (!libs.some((f) => f.startsWith('libsqlite4java-linux-amd64'))) {
        throw new EngineError(LABEL, 'Maven fetched no libsqlite4java-linux-amd64 native library', `check the dependencies of ${COORDS}`);
      }
    });
    progress(installed ? `${LABEL} ${VERSION}: installed in ${HOME}` : `${LABEL} ${VERSION}: already fetched (${HOME})`);
  },

  async launch({ port, workDir }) {
    const { java } = requireJava(LABEL);
    return {
      command: java,
      args: [...JAVA_OPTS, `-Djava.library.path=${LIB}`, '-cp', path.join(LIB, '*'), MAIN_CLASS, '-inMemory', '-port', String(port), '-disableTelemetry'],
      cwd: workDir,
    };
  },

  async probe(endpoint) {
    const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
      return true;
    } finally {
      client.destroy();
    }
  },
};
