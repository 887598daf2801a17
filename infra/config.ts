/**
 * Deployment settings, read once from CDK context (`cdk.json` or `-c key=value`). Every knob the stacks have is
 * listed here with its default, so `infra/README.md` and this file are the whole configuration surface.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';

export interface SearchDomainConfig {
  /** OpenSearch data node instance type. `t3.small.search` is the smallest type with encryption at rest + FGAC. */
  readonly instanceType: string;
  readonly dataNodes: number;
  /** Spread data nodes over two AZs (needs an even `dataNodes`). Off for the dev-size default. */
  readonly zoneAwareness: boolean;
  /** Dedicated master nodes; 0 = none (dev), 3 for production. */
  readonly masterNodes: number;
  readonly masterInstanceType: string;
  readonly volumeGiB: number;
  /**
   * IAM role ARNs (operators) that may assume the OpenSearch admin (master user) role for emergencies. Empty by
   * default: then only its deploy-time custom resource (lambda.amazonaws.com) can.
   */
  readonly adminPrincipals: string[];
}

/**
 * The public front door of a deployment (issue #22): the national domain on CloudFront (TLS 1.2+, a WAF web ACL), the
 * HTTP API on its own custom domain with the default `execute-api` endpoint disabled, so nothing reaches the API but
 * through a TLS 1.2 custom domain. Required for stage `prod`; a dev stage without it is served on the default
 * `*.cloudfront.net` and `execute-api` addresses.
 */
export interface EdgeConfig {
  /** The site's domain (e.g. `phapluat.gov.vn`), served by CloudFront. */
  readonly webDomain: string;
  /** ACM certificate for `webDomain`, in us-east-1 (CloudFront reads certificates there only). */
  readonly webCertificateArn: string;
  /** The API's origin domain (e.g. `api.phapluat.gov.vn`): CloudFront's origin for `/v1/*`. */
  readonly apiDomain: string;
  /** ACM certificate for `apiDomain`, in the deployment's region. */
  readonly apiCertificateArn: string;
  /** WAF: requests one address may make in any 5 minutes before it is answered 429. */
  readonly rateLimit: number;
  /** WAF: `POST /v1/lint` (the one public route that unpacks uploads) per address per 5 minutes. */
  readonly lintRateLimit: number;
}

export interface CsdlConfig {
  /** Short lowercase name of the deployment (`dev`, `staging`, `prod`): stack names and physical names use it. */
  readonly stage: string;
  /** Optional fixed target; both empty = environment-agnostic stacks (no account lookups at synth). */
  readonly account?: string;
  readonly region?: string;
  readonly search: SearchDomainConfig;
  /** Prefix of every OpenSearch index the functions create or read (`OPENSEARCH_INDEX_PREFIX`). */
  readonly indexPrefix: string;
  readonly logLevel: string;
  readonly logRetention: RetentionDays;
  /** Optional address subscribed to the alarm topic. */
  readonly alarmEmail?: string;
  /** Origins allowed to call the public GET routes from a browser. */
  readonly corsOrigins: string[];
  /** Default-stage throttling of the HTTP API (steady requests per second, burst). */
  readonly throttleRate: number;
  readonly throttleBurst: number;
  /** AWS Backup of the table: days a recovery point (and its copy) is kept; also the vaults' lock minimum. */
  readonly backupRetentionDays: number;
  /**
   * Region of the vault every recovery point is copied to (a third stack, `Csdl-<Stage>-BackupCopy`, holds it).
   * Required for stage `prod`; unset = no copy.
   */
  readonly backupCopyRegion?: string;
  /** Object Lock default retention of the originals bucket; undefined = no Object Lock (`originals:objectLockDays=0`). */
  readonly originalsObjectLock?: { readonly mode: 'governance' | 'compliance'; readonly days: number };
  /** The national domain, WAF and API custom domain; undefined = default AWS addresses (dev only). */
  readonly edge?: EdgeConfig;
  /**
   * TEST ONLY (`csdl:skipBundling`): replace every function's code by an inline placeholder instead of bundling
   * `functions/<name>/handler.ts` with esbuild. Never set it for a deployment.
   */
  readonly skipBundling: boolean;
}

/** Context key names, in one place so tests and docs use the same spelling. */
export const CONTEXT_KEYS = {
  stage: 'stage',
  account: 'account',
  region: 'region',
  searchInstanceType: 'opensearch:instanceType',
  searchDataNodes: 'opensearch:dataNodes',
  searchZoneAwareness: 'opensearch:zoneAwareness',
  searchMasterNodes: 'opensearch:masterNodes',
  searchMasterInstanceType: 'opensearch:masterInstanceType',
  searchVolumeGiB: 'opensearch:volumeGiB',
  searchAdminPrincipals: 'opensearch:adminPrincipals',
  indexPrefix: 'opensearch:indexPrefix',
  logLevel: 'logLevel',
  logRetentionDays: 'logRetentionDays',
  alarmEmail: 'alarmEmail',
  corsOrigins: 'corsOrigins',
  throttleRate: 'api:throttleRate',
  throttleBurst: 'api:throttleBurst',
  backupRetentionDays: 'backup:retentionDays',
  backupCopyRegion: 'backup:copyRegion',
  originalsObjectLockDays: 'originals:objectLockDays',
  originalsObjectLockMode: 'originals:objectLockMode',
  webDomainName: 'web:domainName',
  webCertificateArn: 'web:certificateArn',
  apiDomainName: 'api:domainName',
  apiCertificateArn: 'api:certificateArn',
  wafRateLimit: 'waf:rateLimit',
  wafLintRateLimit: 'waf:lintRateLimit',
  skipBundling: 'csdl:skipBundling',
} as const;

/** Context values from `-c` arrive as strings, values from cdk.json as JSON: accept both. */
function raw(node: Node, key: string): unknown {
  const value = node.tryGetContext(key);
  return value === '' ? undefined : value;
}

function str(node: Node, key: string, fallback: string): string;
function str(node: Node, key: string): string | undefined;
function str(node: Node, key: string, fallback?: string): string | undefined {
  const value = raw(node, key);
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw new Error(`context ${key} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

function int(node: Node, key: string, fallback: number, min: number): number {
  const value = raw(node, key);
  if (value === undefined || value === null) return fallback;
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(parsed) || parsed < min) {
    throw new Error(`context ${key} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
  return parsed;
}

function bool(node: Node, key: string, fallback: boolean): boolean {
  const value = raw(node, key);
  if (value === undefined || value === null) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`context ${key} must be true or false, got ${JSON.stringify(value)}`);
}

function list(node: Node, key: string, fallback: string[]): string[] {
  const value = raw(node, key);
  if (value === undefined || value === null) return fallback;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  throw new Error(`context ${key} must be a list of strings or a comma-separated string`);
}

function retention(days: number): RetentionDays {
  const known = Object.values(RetentionDays).filter((v): v is RetentionDays => typeof v === 'number');
  if (!known.includes(days as RetentionDays)) {
    throw new Error(`context ${CONTEXT_KEYS.logRetentionDays}=${days} is not a CloudWatch Logs retention (${known.join(', ')})`);
  }
  return days as RetentionDays;
}

export function readConfig(node: Node): CsdlConfig {
  const stage = str(node, CONTEXT_KEYS.stage, 'dev');
  if (!/^[a-z][a-z0-9]{1,11}$/.test(stage)) {
    throw new Error(`context stage must be 2-12 lowercase letters/digits starting with a letter, got "${stage}"`);
  }
  const search: SearchDomainConfig = {
    instanceType: str(node, CONTEXT_KEYS.searchInstanceType, 't3.small.search'),
    dataNodes: int(node, CONTEXT_KEYS.searchDataNodes, 1, 1),
    zoneAwareness: bool(node, CONTEXT_KEYS.searchZoneAwareness, false),
    masterNodes: int(node, CONTEXT_KEYS.searchMasterNodes, 0, 0),
    masterInstanceType: str(node, CONTEXT_KEYS.searchMasterInstanceType, 'm7g.large.search'),
    volumeGiB: int(node, CONTEXT_KEYS.searchVolumeGiB, 10, 10),
    adminPrincipals: list(node, CONTEXT_KEYS.searchAdminPrincipals, []),
  };
  for (const arn of search.adminPrincipals) {
    if (!/^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/.test(arn)) {
      throw new Error(`${CONTEXT_KEYS.searchAdminPrincipals} must list IAM role ARNs (arn:aws:iam::<account>:role/<name>), got "${arn}"`);
    }
  }
  if (search.zoneAwareness && search.dataNodes % 2 !== 0) {
    throw new Error(`${CONTEXT_KEYS.searchZoneAwareness}=true needs an even ${CONTEXT_KEYS.searchDataNodes}`);
  }
  if (search.masterNodes !== 0 && search.masterNodes !== 3 && search.masterNodes !== 5) {
    throw new Error(`${CONTEXT_KEYS.searchMasterNodes} must be 0, 3 or 5`);
  }
  const indexPrefix = str(node, CONTEXT_KEYS.indexPrefix, 'csdl');
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(indexPrefix)) {
    throw new Error(`${CONTEXT_KEYS.indexPrefix} must be lowercase letters, digits and dashes`);
  }
  const logRetention = retention(int(node, CONTEXT_KEYS.logRetentionDays, RetentionDays.ONE_YEAR, 1));
  // Access and function logs are the audit trail (issue #22): a year at least in production.
  if (stage === 'prod' && logRetention < RetentionDays.ONE_YEAR) {
    throw new Error(`${CONTEXT_KEYS.logRetentionDays} must be at least 365 for stage prod (audit trail), got ${logRetention}`);
  }
  const region = str(node, CONTEXT_KEYS.region);
  const backupCopyRegion = str(node, CONTEXT_KEYS.backupCopyRegion);
  if (backupCopyRegion !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(backupCopyRegion)) {
    throw new Error(`${CONTEXT_KEYS.backupCopyRegion} must be an AWS region such as ap-southeast-2, got "${backupCopyRegion}"`);
  }
  if (stage === 'prod' && backupCopyRegion === undefined) {
    throw new Error(
      `stage prod needs ${CONTEXT_KEYS.backupCopyRegion} (e.g. -c ${CONTEXT_KEYS.backupCopyRegion}=ap-southeast-2): backups must leave the region`,
    );
  }
  if (backupCopyRegion !== undefined && backupCopyRegion === region) {
    throw new Error(`${CONTEXT_KEYS.backupCopyRegion} must differ from ${CONTEXT_KEYS.region} (${region})`);
  }
  const objectLockDays = int(node, CONTEXT_KEYS.originalsObjectLockDays, 365, 0);
  const objectLockMode = str(node, CONTEXT_KEYS.originalsObjectLockMode, 'governance');
  if (objectLockMode !== 'governance' && objectLockMode !== 'compliance') {
    throw new Error(`${CONTEXT_KEYS.originalsObjectLockMode} must be governance or compliance, got "${objectLockMode}"`);
  }
  const edge = readEdge(node, stage, region);
  return {
    stage,
    account: str(node, CONTEXT_KEYS.account),
    region,
    search,
    indexPrefix,
    logLevel: str(node, CONTEXT_KEYS.logLevel, 'INFO'),
    logRetention,
    alarmEmail: str(node, CONTEXT_KEYS.alarmEmail),
    corsOrigins: list(node, CONTEXT_KEYS.corsOrigins, ['*']),
    throttleRate: int(node, CONTEXT_KEYS.throttleRate, 50, 1),
    throttleBurst: int(node, CONTEXT_KEYS.throttleBurst, 100, 1),
    backupRetentionDays: int(node, CONTEXT_KEYS.backupRetentionDays, 35, 7),
    backupCopyRegion,
    originalsObjectLock: objectLockDays > 0 ? { mode: objectLockMode, days: objectLockDays } : undefined,
    ...(edge ? { edge } : {}),
    skipBundling: bool(node, CONTEXT_KEYS.skipBundling, false),
  };
}

const DOMAIN_RE = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const certificateRe = (region: string) => new RegExp(`^arn:aws[a-z-]*:acm:${region}:[0-9]{12}:certificate/[0-9a-f-]{36}$`);

/** The front door: all four names or none; required for prod (the API must not be reachable but through it). */
function readEdge(node: Node, stage: string, region: string | undefined): EdgeConfig | undefined {
  const keys = [CONTEXT_KEYS.webDomainName, CONTEXT_KEYS.webCertificateArn, CONTEXT_KEYS.apiDomainName, CONTEXT_KEYS.apiCertificateArn] as const;
  const [webDomain, webCertificateArn, apiDomain, apiCertificateArn] = keys.map((k) => str(node, k));
  const given = keys.filter((_, i) => [webDomain, webCertificateArn, apiDomain, apiCertificateArn][i] !== undefined);
  if (given.length === 0) {
    if (stage === 'prod')
      throw new Error(
        `stage prod needs its front door: ${keys.join(', ')} and ${CONTEXT_KEYS.region} ` +
          '(CloudFront on the national domain with TLS 1.2+ and a WAF web ACL; the HTTP API on a custom domain with its execute-api endpoint disabled)',
      );
    return undefined;
  }
  if (given.length < keys.length) throw new Error(`${keys.filter((k) => !given.includes(k)).join(', ')} missing: the front door needs ${keys.join(', ')}`);
  if (region === undefined) throw new Error(`${CONTEXT_KEYS.apiDomainName} needs ${CONTEXT_KEYS.region}: the API's certificate must be in the API's region`);
  for (const [key, value] of [
    [CONTEXT_KEYS.webDomainName, webDomain],
    [CONTEXT_KEYS.apiDomainName, apiDomain],
  ] as const)
    if (!DOMAIN_RE.test(value as string)) throw new Error(`${key} must be a lowercase domain name such as phapluat.gov.vn, got "${value}"`);
  if (webDomain === apiDomain) throw new Error(`${CONTEXT_KEYS.apiDomainName} must differ from ${CONTEXT_KEYS.webDomainName}: CloudFront forwards to it`);
  if (!certificateRe('us-east-1').test(webCertificateArn as string))
    throw new Error(`${CONTEXT_KEYS.webCertificateArn} must be an ACM certificate ARN in us-east-1 (CloudFront's region), got "${webCertificateArn}"`);
  if (!certificateRe(region).test(apiCertificateArn as string))
    throw new Error(`${CONTEXT_KEYS.apiCertificateArn} must be an ACM certificate ARN in ${region} (the API's region), got "${apiCertificateArn}"`);
  return {
    webDomain: webDomain as string,
    webCertificateArn: webCertificateArn as string,
    apiDomain: apiDomain as string,
    apiCertificateArn: apiCertificateArn as string,
    // WAF's floor for a rate-based rule is 10 requests per window.
    rateLimit: int(node, CONTEXT_KEYS.wafRateLimit, 3000, 10),
    lintRateLimit: int(node, CONTEXT_KEYS.wafLintRateLimit, 100, 10),
  };
}
