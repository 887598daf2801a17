/**
 * Jest-free end-to-end check of the harness: `npx tsx test/engines/smoke.ts`.
 * Starts all engines, does one real call on each (DynamoDB table, S3 object, OpenSearch
 * index + search), restarts each on the same port (OpenSearch after a SIGKILL), stops
 * everything and checks that no engine process is left.
 */
import assert from 'node:assert/strict';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Client as OpenSearchClient } from '@opensearch-project/opensearch';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startEngines } from './index';
import { markedPids } from './process';

function s3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

async function main(): Promise<void> {
  const running = await startEngines();
  const { endpoints } = running;
  try {
    assert.ok(endpoints.dynamodb && endpoints.s3 && endpoints.opensearch);

    const ddb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    await ddb.send(
      new CreateTableCommand({
        TableName: 'smoke',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await ddb.send(new PutItemCommand({ TableName: 'smoke', Item: { pk: { S: 'luat-1' }, title: { S: 'Luật Đất đai' } } }));
    const item = await ddb.send(new GetItemCommand({ TableName: 'smoke', Key: { pk: { S: 'luat-1' } } }));
    assert.equal(item.Item?.title?.S, 'Luật Đất đai');
    ddb.destroy();
    console.error('smoke: DynamoDB create table / put / get OK');

    const s3 = s3Client(endpoints.s3);
    await s3.send(new CreateBucketCommand({ Bucket: 'smoke' }));
    await s3.send(new PutObjectCommand({ Bucket: 'smoke', Key: 'docs/1.txt', Body: 'Điều 1. Phạm vi điều chỉnh', ContentType: 'text/plain' }));
    const readBack = async () => (await (await s3.send(new GetObjectCommand({ Bucket: 'smoke', Key: 'docs/1.txt' }))).Body?.transformToString()) ?? '';
    assert.equal(await readBack(), 'Điều 1. Phạm vi điều chỉnh');
    console.error('smoke: S3 create bucket / put / get OK');

    const t0 = Date.now();
    await running.restartEngine('s3');
    assert.equal(await readBack(), 'Điều 1. Phạm vi điều chỉnh');
    s3.destroy();
    console.error(`smoke: S3 restart on the same port (${Date.now() - t0} ms) kept the object`);

    const os = new OpenSearchClient({ node: endpoints.opensearch });
    await os.indices.create({
      index: 'smoke',
      body: {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: { properties: { title: { type: 'text' }, so_hieu: { type: 'keyword' } } },
      },
    });
    await os.index({ index: 'smoke', id: '1', body: { title: 'Luật Đất đai 2024', so_hieu: '31/2024/QH15' }, refresh: true });
    const found = await os.search({ index: 'smoke', body: { query: { match: { title: 'đất đai' } } } });
    assert.equal(found.body.hits.hits[0]?._id, '1');
    console.error('smoke: OpenSearch create index / index / search OK');

    const t1 = Date.now();
    await running.stopEngine('opensearch', { hard: true });
    await running.restartEngine('opensearch');
    const again = await os.search({ index: 'smoke', body: { query: { match: { title: 'đất đai' } } } });
    assert.equal(again.body.hits.hits[0]?._id, '1');
    await os.close();
    console.error(`smoke: OpenSearch SIGKILL + restart on the same port (${Date.now() - t1} ms) kept the index`);

    const t2 = Date.now();
    await running.restartEngine('dynamodb');
    const ddb2 = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    assert.deepEqual((await ddb2.send(new ListTablesCommand({}))).TableNames, []);
    ddb2.destroy();
    console.error(`smoke: DynamoDB restart on the same port (${Date.now() - t2} ms); in-memory tables are gone, as documented`);
  } finally {
    await running.stop();
  }
  const left = markedPids(running.runId);
  assert.deepEqual(left, [], `engine processes left behind: ${left.join(', ')}`);
  console.error(`smoke: stopped; no engine process left. start ms: ${JSON.stringify(endpoints.startMs)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
