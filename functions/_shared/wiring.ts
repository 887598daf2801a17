/**
 * The composition root for AWS (and for tests on DynamoDB Local, the S3 server and a local OpenSearch node):
 * builds the ports from configuration. The embedded default has its own in local/wiring.ts.
 */
import { HttpWebhookSender } from '../../adapters/webhook/http-sender';
import { DynamoHistoryRepository } from '../../adapters/dynamodb/history-repository';
import { DynamoDraftRepository } from '../../adapters/dynamodb/draft-repository';
import { DynamoSubscriptionRepository } from '../../adapters/dynamodb/subscription-repository';
import { DynamoLinkRepository } from '../../adapters/dynamodb/link-repository';
import { DynamoCodificationRepository } from '../../adapters/dynamodb/codification-repository';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws-v3';
import { DynamoUnitRepository } from '../../adapters/dynamodb/unit-repository';
import { DynamoWorkRepository } from '../../adapters/dynamodb/work-repository';
import { OpenSearchIndex } from '../../adapters/opensearch/search-index';
import { S3BlobStore } from '../../adapters/s3/blob-store';
import type { Ports } from '../../domain/ports';
import type { AwsConfig } from './config';

export function createAwsClients(config: AwsConfig) {
  const dynamodb = new DynamoDBClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
    maxAttempts: 4,
  });
  const s3 = new S3Client({
    region: config.AWS_REGION,
    ...(config.S3_ENDPOINT
      ? {
          endpoint: config.S3_ENDPOINT,
          forcePathStyle: true,
          // The local S3-compatible server mangles streamed checksummed bodies.
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
    maxAttempts: 4,
  });
  const opensearch = new Client({
    node: config.OPENSEARCH_ENDPOINT,
    ...(config.OPENSEARCH_AUTH === 'sigv4' ? AwsSigv4Signer({ region: config.AWS_REGION, service: 'es', getCredentials: () => defaultProvider()() }) : {}),
    requestTimeout: 10_000,
    maxRetries: 2,
  });
  return { dynamodb, s3, opensearch };
}

/** `clients`: the SDK clients to build the ports on (default: new ones from `config`; a test may pass its own, instrumented). */
export function createAwsPorts(
  config: AwsConfig,
  options: { refresh?: boolean | 'wait_for' } = {},
  clients: ReturnType<typeof createAwsClients> = createAwsClients(config),
): Ports {
  return {
    works: new DynamoWorkRepository(clients.dynamodb, config.TABLE_NAME),
    units: new DynamoUnitRepository(clients.dynamodb, config.TABLE_NAME),
    blobs: new S3BlobStore(clients.s3, config.BUCKET_NAME),
    codification: new DynamoCodificationRepository(clients.dynamodb, config.TABLE_NAME),
    links: new DynamoLinkRepository(clients.dynamodb, config.TABLE_NAME),
    history: new DynamoHistoryRepository(clients.dynamodb, config.TABLE_NAME),
    drafts: new DynamoDraftRepository(clients.dynamodb, config.TABLE_NAME),
    subscriptions: new DynamoSubscriptionRepository(clients.dynamodb, config.TABLE_NAME),
    // On AWS a webhook goes to https and a public address only (checked at the connection's own DNS lookup).
    webhooks: new HttpWebhookSender({ allowLoopback: false }),
    search: new OpenSearchIndex(clients.opensearch, { prefix: config.OPENSEARCH_INDEX_PREFIX, refresh: options.refresh ?? false }),
    clock: { now: () => new Date() },
  };
}
