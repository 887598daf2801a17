/** Java and Maven presence checks, each failing with one line that says how to install it. */
import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from './errors';
import { runSync, which } from './process';

const MIN_JAVA = 17;
const JAVA_FIX = `install a JDK ${MIN_JAVA}+ (apt-get install openjdk-17-jre-headless)`;
const MAVEN_FIX = 'install Maven 3.8+ (apt-get install maven)';

export interface JavaInfo {
  java: string;
  /** JAVA_HOME derived from the real path of `java` (…/bin/java → …). */
  home: string;
  major: number;
}

let javaInfo: JavaInfo | undefined;

/** The java on PATH (or in $JAVA_HOME/bin), checked to be ≥ 17; throws a one-line EngineError otherwise. */
export function requireJava(label: string): JavaInfo {
  if (javaInfo) return javaInfo;
  const fromHome = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : undefined;
  const java = (fromHome && fs.existsSync(fromHome) ? fromHome : undefined) ?? which('java');
  if (!java) throw new EngineError(label, 'java not found on PATH', JAVA_FIX);
  const { ok, output } = runSync(java, ['-version']);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!ok || !match) throw new EngineError(label, `\`${java} -version\` failed: ${output.split('\n')[0]}`, JAVA_FIX);
  const first = Number(match[1]);
  const major = first === 1 ? Number(match[2]) : first;
  if (major < MIN_JAVA) throw new EngineError(label, `java ${major} found at ${java}, ${MIN_JAVA}+ needed`, JAVA_FIX);
  const home = path.dirname(path.dirname(fs.realpathSync(java)));
  javaInfo = { java, home, major };
  return javaInfo;
}

export function requireMaven(label: string): string {
  const mvn = which('mvn');
  if (!mvn) throw new EngineError(label, 'mvn not found on PATH', MAVEN_FIX);
  return mvn;
}
