/**
 * AWS adapters against the real engines the integration global setup started (test/global-setup.ts): DynamoDB
 * Local, the S3-compatible server and an OpenSearch node. Each call gets its own table, bucket and index prefix.
 */
import { randomBytes } from 'node:crypto';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { createTable } from '../../adapters/dynamodb/create-table';
import { type AwsConfig, loadAwsConfig } from '../../functions/_shared/config';
import { createAwsClients, createAwsPorts } from '../../functions/_shared/wiring';
import type { Ports } from '../../domain/ports';

function endpoint(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: the integration tests run under test/global-setup.ts, which starts the engines`);
  return v;
}

export async function awsTestEnvironment(): Promise<{ config: AwsConfig; ports: Ports; clients: ReturnType<typeof createAwsClients> }> {
  const suffix = randomBytes(4).toString('hex');
  const config = loadAwsConfig({
    TABLE_NAME: `csdl-test-${suffix}`,
    BUCKET_NAME: `csdl-test-${suffix}`,
    OPENSEARCH_ENDPOINT: endpoint('CSDL_TEST_OPENSEARCH_ENDPOINT'),
    OPENSEARCH_INDEX_PREFIX: `t${suffix}`,
    OPENSEARCH_AUTH: 'none',
    DYNAMODB_ENDPOINT: endpoint('CSDL_TEST_DYNAMODB_ENDPOINT'),
    S3_ENDPOINT: endpoint('CSDL_TEST_S3_ENDPOINT'),
    AWS_REGION: 'ap-southeast-1',
  });
  const clients = createAwsClients(config);
  await createTable(clients.dynamodb, config.TABLE_NAME);
  await clients.s3.send(new CreateBucketCommand({ Bucket: config.BUCKET_NAME }));
  const ports = createAwsPorts(config, { refresh: 'wait_for' });
  await ports.search.ensureReady();
  return { config, ports, clients };
}
