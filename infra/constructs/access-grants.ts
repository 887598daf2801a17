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
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

function allow(grantee: IGrantable, actions: string[], resources: string[]): void {
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
}

export function grantTable(grantee: IGrantable, table: ITable, indexNames: readonly string[], level: 'read' | 'readwrite'): void {
  const resources = [table.tableArn, ...indexNames.map((name) => `${table.tableArn}/index/${name}`)];
  allow(grantee, level === 'read' ? TABLE_READ : [...TABLE_READ, ...TABLE_WRITE], resources);
}

/** `scope` is where the IAM5 acknowledgement for the object wildcard is recorded (the grantee's role). */
export function grantBucket(scope: IConstruct, grantee: IGrantable, bucket: IBucket, level: 'read' | 'readwrite'): void {
  const objects = bucket.arnForObjects('*');
  allow(grantee, level === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject'], [objects]);
  allow(grantee, ['s3:ListBucket'], [bucket.bucketArn]);
  acknowledgeWildcardResources(
    scope,
    [objects],
    'Originals are addressed by key at run time (content hash); object actions are limited to this one bucket, and only documents-create may write.',
  );
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
