/** The port contracts on the AWS adapters, against DynamoDB Local, the S3-compatible server and OpenSearch. */
import { awsTestEnvironment } from '../support/aws';
import { blobStoreContract } from './blob-store.contract';
import { codificationRepositoryContract } from './codification-repository.contract';
import { linkRepositoryContract } from './link-repository.contract';
import { historyRepositoryContract } from './history-repository.contract';
import { DynamoHistoryRepository } from '../../adapters/dynamodb/history-repository';
import { searchIndexContract } from './search-index.contract';
import { unitRepositoryContract } from './unit-repository.contract';
import { workRepositoryContract } from './work-repository.contract';

import { draftRepositoryContract } from './draft-repository.contract';
import { subscriptionRepositoryContract } from './subscription-repository.contract';

const env = awsTestEnvironment();

workRepositoryContract('DynamoDB', async () => (await env).ports.works);
blobStoreContract('S3', async () => (await env).ports.blobs);
searchIndexContract('OpenSearch', async () => (await env).ports.search);
unitRepositoryContract('DynamoDB', async () => (await env).ports.units);
codificationRepositoryContract('DynamoDB', async () => (await env).ports.codification);
linkRepositoryContract('DynamoDB', async () => (await env).ports.links);
historyRepositoryContract('DynamoDB', async (now) => {
  const e = await env;
  return new DynamoHistoryRepository(e.clients.dynamodb, e.config.TABLE_NAME, now);
});
draftRepositoryContract('DynamoDB', async () => {
  const drafts = (await env).ports.drafts;
  if (!drafts) throw new Error('createAwsPorts has no drafts');
  return drafts;
});
subscriptionRepositoryContract('DynamoDB', async () => {
  const subscriptions = (await env).ports.subscriptions;
  if (!subscriptions) throw new Error('createAwsPorts has no subscriptions');
  return subscriptions;
});
