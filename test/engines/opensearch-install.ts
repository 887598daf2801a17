/**
 * Installs OpenSearch into .cache/engines/opensearch-<version> from Maven Central, in one Maven
 * reactor run:
 * - org.opensearch.distribution.integ-test-zip:opensearch:<version>:zip, unpacked. That zip is
 *   the bare server: its only module is transport-netty4 (no security plugin, but also no
 *   analysis-common, painless, …).
 * - The standard modules the application relies on, which Amazon OpenSearch Service always
 *   has, assembled from their published jars (org.opensearch.plugin:<artifact>) plus runtime
 *   dependencies, with the plugin-descriptor.properties (and policy) the full distribution
 *   ships. Without analysis-common, e.g., the asciifolding filter needed to search Vietnamese
 *   text without diacritics does not exist. Add a module here when a test needs one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { installOnce } from './cache';
import { CACHE_DIR, progress, VERSIONS } from './config';
import { EngineError } from './errors';
import { aggregatorPom, copyDependenciesPom, runMaven, unpackPom } from './maven';

const LABEL = 'OpenSearch';
export const VERSION = VERSIONS.opensearch;
export const HOME = path.join(CACHE_DIR, `opensearch-${VERSION}`);
const DISTRIBUTION = `org.opensearch.distribution.integ-test-zip:opensearch:${VERSION}:zip`;

interface ModuleSpec {
  /** Plugin name, also its folder under modules/. */
  name: string;
  /** org.opensearch.plugin:<artifactId>:<version> */
  artifactId: string;
  classname: string;
  description: string;
  extendedPlugins?: string[];
  /** plugin-security.policy, copied from the module's source. */
  policy?: string;
}

const MODULES: readonly ModuleSpec[] = [
  {
    name: 'lang-painless',
    artifactId: 'lang-painless',
    classname: 'org.opensearch.painless.PainlessPlugin',
    description: 'An easy, safe and fast scripting language for OpenSearch',
    policy: 'grant {\n  permission java.lang.RuntimePermission "createClassLoader";\n  permission java.lang.RuntimePermission "getClassLoader";\n};\n',
  },
  {
    name: 'analysis-common',
    artifactId: 'analysis-common',
    classname: 'org.opensearch.analysis.common.CommonAnalysisPlugin',
    description: 'Adds "built in" analyzers to OpenSearch.',
    extendedPlugins: ['lang-painless'],
  },
  {
    name: 'mapper-extras',
    artifactId: 'mapper-extras-client',
    classname: 'org.opensearch.index.mapper.MapperExtrasPlugin',
    description: 'Adds advanced field mappers',
  },
  {
    name: 'reindex',
    artifactId: 'reindex-client',
    classname: 'org.opensearch.index.reindex.ReindexPlugin',
    description: 'The Reindex module adds APIs to reindex from one index to another or update documents in place.',
  },
];

export const MODULE_NAMES = MODULES.map((m) => m.name);

function descriptor(m: ModuleSpec): string {
  return [
    `description=${m.description}`,
    `version=${VERSION}`,
    `name=${m.name}`,
    `classname=${m.classname}`,
    'java.version=11',
    `opensearch.version=${VERSION}`,
    'custom.foldername=',
    `extended.plugins=${(m.extendedPlugins ?? []).join(',')}`,
    'has.native.controller=false',
    '',
  ].join('\n');
}

/** "lucene-core-9.12.3.jar" → "lucene-core": to skip module dependencies the server already has. */
function artifactOf(jar: string): string {
  return jar.replace(/-\d[^-]*(-[^-]*)?\.jar$/, '');
}

function hasAllModules(dir: string): boolean {
  return MODULES.every((m) => fs.existsSync(path.join(dir, 'modules', m.name, 'plugin-descriptor.properties')));
}

/** Fetch (when missing) the distribution and modules. Returns false when already installed. */
export async function installOpenSearch(): Promise<boolean> {
  return installOnce(
    HOME,
    async (staging) => {
      progress(`${LABEL} ${VERSION}: fetching ${DISTRIBUTION} (~55 MB) and modules ${MODULE_NAMES.join(', ')} with Maven…`);
      const work = `${staging}.maven`;
      fs.rmSync(work, { recursive: true, force: true });
      try {
        fs.mkdirSync(path.join(work, 'distribution'), { recursive: true });
        fs.writeFileSync(path.join(work, 'distribution', 'pom.xml'), unpackPom('opensearch-distribution', DISTRIBUTION));
        for (const m of MODULES) {
          fs.mkdirSync(path.join(work, m.name), { recursive: true });
          fs.writeFileSync(
            path.join(work, m.name, 'pom.xml'),
            copyDependenciesPom(`opensearch-module-${m.name}`, `org.opensearch.plugin:${m.artifactId}:${VERSION}`),
          );
        }
        fs.writeFileSync(path.join(work, 'pom.xml'), aggregatorPom('opensearch', ['distribution', ...MODULE_NAMES]));
        await runMaven(LABEL, 'opensearch', `${DISTRIBUTION} + ${MODULE_NAMES.length} modules`, work);

        fs.renameSync(path.join(work, 'distribution', 'out', `opensearch-${VERSION}`), staging);
        const serverJars = new Set(fs.readdirSync(path.join(staging, 'lib')).map(artifactOf));
        for (const m of MODULES) {
          const target = path.join(staging, 'modules', m.name);
          fs.mkdirSync(target, { recursive: true });
          const jars = fs.readdirSync(path.join(work, m.name, 'lib')).filter((j) => j.endsWith('.jar') && !serverJars.has(artifactOf(j)));
          if (!jars.some((j) => j.startsWith(m.artifactId))) {
            throw new EngineError(LABEL, `Maven fetched no jar for module ${m.name}`, `check org.opensearch.plugin:${m.artifactId}:${VERSION}`);
          }
          for (const jar of jars) fs.copyFileSync(path.join(work, m.name, 'lib', jar), path.join(target, jar));
          fs.writeFileSync(path.join(target, 'plugin-descriptor.properties'), descriptor(m));
          if (m.policy) fs.writeFileSync(path.join(target, 'plugin-security.policy'), m.policy);
        }
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
      // Make sure the launch scripts are executable whatever the unpacker kept.
      for (const f of fs.readdirSync(path.join(staging, 'bin'))) {
        if (!/\.(bat|exe)$/.test(f)) fs.chmodSync(path.join(staging, 'bin', f), 0o755);
      }
    },
    hasAllModules,
  );
}
