/** Paged queries and retried batch writes, shared by the DynamoDB repositories. */
import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

/** Every item a query returns, following LastEvaluatedKey. */
export async function queryAll(doc: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res: QueryCommandOutput = await doc.send(new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...((res.Items ?? []) as Item[]));
    start = res.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Writes put/delete requests 25 at a time, retrying what DynamoDB leaves unprocessed with exponential back-off. */
export async function batchWriteAll(doc: DynamoDBDocumentClient, tableName: string, requests: Record<string, unknown>[], what: string): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error(`DynamoDB left ${pending.length} ${what} writes unprocessed after retries`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
      const res = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
      pending = (res.UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
    }
  }
}
