/**
 * Least-privilege grants, spelled out instead of the L2 `grantReadData`/`grantRead` helpers: those add `index/*`,
 * `s3:GetObject*`/`s3:List*` style wildcards. Each grant here names its actions and resources.
 */
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IDomain } from 'aws-cdk-lib/aws-opensearchservice';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import { acknowledgeWildcardResources } from '../nag';
import { ES_HTTP_ACTIONS } from './search-domain';

const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
/**
 * Single-item writes, on the table only (writes never address an index). No `DeleteItem`: no adapter sends one
 * (adapters/dynamodb), and the history is append-only (docs/adr/0011). Transactions need no action of their own:
 * TransactWriteItems is authorized per Put/Update/ConditionCheck it holds.
 */
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];

/**
 * The partition keys each kind of batch writes (and deletes: BatchWriteItem is one action for both), as the DynamoDB
 * adapters spell them. test/infra/least-privilege.test.ts checks the adapters still do. None reaches `HIST#…`.
 */
export const BATCH_WRITE_KEY_PREFIXES = {
  /** unit-repository.ts replaceUnits: `UNITS#<set>` (ingest, draft versions). */
  units: ['UNITS#*'],
  /** link-repository.ts replaceExtracted: `LINKS#<source work>` (the stream consumer). */
  links: ['LINKS#*'],
  /** codification-repository.ts putTopics: the `CODIFY` root (topics). */
  codificationTopics: ['CODIFY'],
  /** codification-repository.ts replaceHeading: `CODIFYSET#<set>` (a heading's articles, the stale set deleted). */
  codificationArticles: ['CODIFYSET#*'],
} as const;

export type BatchWriteKind = keyof typeof BATCH_WRITE_KEY_PREFIXES;

/**
 * Functions whose single-item writes are confined to some partitions (`dynamodb:LeadingKeys`): the functions of
 * subscriptions write only `SUB#<id>` (a subscription and its deliveries) and `SUBCURSOR` (the notifier's cursor,
 * table-design.ts SUBSCRIPTION_KEYS), never a work, a unit or the history.
 */
export const WRITE_KEY_PREFIXES = {
  subscriptions: ['SUB#*', 'SUBCURSOR'],
} as const;

export type WriteKeyKind = keyof typeof WRITE_KEY_PREFIXES;

function allow(grantee: IGrantable, actions: string[], resources: string[], conditions?: Record<string, Record<string, unknown>>): void {
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources, ...(conditions ? { conditions } : {}) }));
}

export function grantTable(
  grantee: IGrantable,
  table: ITable,
  indexNames: readonly string[],
  level: 'read' | 'readwrite',
  batchWrite: readonly BatchWriteKind[] = [],
  writeKeys?: WriteKeyKind,
): void {
  allow(grantee, TABLE_READ, [table.tableArn, ...indexNames.map((name) => `${table.tableArn}/index/${name}`)]);
  if (level === 'readwrite')
    allow(
      grantee,
      TABLE_WRITE,
      [table.tableArn],
      writeKeys ? { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...WRITE_KEY_PREFIXES[writeKeys]] } } : undefined,
    );
  if (writeKeys && level !== 'readwrite') throw new Error('writeKeys needs table: readwrite');
  if (batchWrite.length > 0) {
    if (level !== 'readwrite') throw new Error('batchWrite needs table: readwrite');
    // BatchWriteItem can delete: only on the partitions this function replaces whole.
    const prefixes = [...new Set(batchWrite.flatMap((kind) => BATCH_WRITE_KEY_PREFIXES[kind]))];
    allow(grantee, ['dynamodb:BatchWriteItem'], [table.tableArn], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } });
  }
}

/** Where originals are stored (domain/services/ingest.ts originalBlobKey: `originals/<2 hex>/<sha256>`). */
export const ORIGINALS_PREFIX = 'originals/';
/** Where the bulk dump is written (domain/services/bulk.ts BULK_PREFIX). */
export const BULK_PREFIX = 'bulk/';

/**
 * `read` = GetObject anywhere in the bucket + ListBucket; `readwrite` adds PutObject under `originals/` only (never
 * `imports/phapdien/`, which the import workers trust); `bulk` adds PutObject under `bulk/` only (the dump's writer).
 * `scope` is where the IAM5 acknowledgements are recorded.
 */
export function grantBucket(scope: IConstruct, grantee: IGrantable, bucket: IBucket, level: 'read' | 'readwrite' | 'bulk'): void {
  const objects = bucket.arnForObjects('*');
  allow(grantee, ['s3:GetObject'], [objects]);
  allow(grantee, ['s3:ListBucket'], [bucket.bucketArn]);
  acknowledgeWildcardResources(
    scope,
    [objects],
    'Originals are read by key at run time (content hash); GetObject is limited to this one bucket and grants no write.',
  );
  if (level === 'readwrite') {
    const originals = bucket.arnForObjects(`${ORIGINALS_PREFIX}*`);
    allow(grantee, ['s3:PutObject'], [originals]);
    acknowledgeWildcardResources(
      scope,
      [originals],
      `Originals are stored under their content hash (${ORIGINALS_PREFIX}<2 hex>/<sha256>), known only at run time; PutObject is limited to that prefix of this one bucket.`,
    );
  }
  if (level === 'bulk') {
    const dump = bucket.arnForObjects(`${BULK_PREFIX}*`);
    allow(grantee, ['s3:PutObject'], [dump]);
    acknowledgeWildcardResources(
      scope,
      [dump],
      `The bulk dump's files are stored under their sha256 (${BULK_PREFIX}<sha256>/<name>) and its manifest at ${BULK_PREFIX}manifest.json; PutObject is limited to that prefix of this one bucket.`,
    );
  }
}

export function grantSearch(scope: IConstruct, grantee: IGrantable, domain: IDomain, indexPrefix: string, level: 'read' | 'write'): void {
  const indexes = `${domain.domainArn}/${indexPrefix}*`;
  if (level === 'read') {
    allow(grantee, [...ES_HTTP_ACTIONS.read], [indexes]);
  } else {
    allow(grantee, [...ES_HTTP_ACTIONS.write], [indexes, `${domain.domainArn}/_bulk`]);
  }
  acknowledgeWildcardResources(
    scope,
    [indexes],
    `Index names are created at run time under the "${indexPrefix}" prefix (versioned indexes behind aliases); the wildcard is limited to that prefix on this one domain.`,
  );
}
