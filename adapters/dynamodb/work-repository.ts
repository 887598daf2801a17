/**
 * Works on DynamoDB, single-table (docs/adr/0003-dynamodb-single-table.md):
 *   WORK#<id> / META      the work (attributes as in the domain model), gsi1 = number key, gsi2 = list order
 *   HASH#<sha256> / HASH  claim of a source file by a work: makes ingestion idempotent across renditions
 *   NAME#<name key> / WORK#<id>  a name key of the work (type, title, date: refs.ts nameKeys), for citations by name;
 *                         written with the work, never deleted (a read keeps only works whose current keys match)
 * Writes are one transaction with conditions: an optimistic lock on the work's version and a claim per hash.
 */
import { type DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors';
import type { Page, Work } from '../../domain/model';
import type { ListQuery, WorkRepository } from '../../domain/ports';
import { nameKeys, referenceKey } from '../../domain/refs';
import { decodeCursor, encodeCursor } from '../cursor';
import { GSI_BY_NUMBER, GSI_LIST } from './table-design';
import { guardStoreErrors } from './errors';

const LIST_PARTITION = 'WORKS';
const workKey = (id: string) => ({ pk: `WORK#${id}`, sk: 'META' });
const hashKey = (sha256: string) => ({ pk: `HASH#${sha256}`, sk: 'HASH' });
/** A name key of a work (refs.ts nameKeys): `NAME#<key>` / `WORK#<id>`, written with the work. */
const nameItemKey = (key: string, id: string) => ({ pk: `NAME#${key}`, sk: `WORK#${id}` });

type Key = Record<string, string>;
const CURSOR_KEYS = ['pk', 'sk', GSI_LIST.partitionKey, GSI_LIST.sortKey].sort().join(',');
/** A list cursor is exactly the GSI2 key of a work item: anything else is tampered with. */
const isKey = (v: unknown): v is Key =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).sort().join(',') === CURSOR_KEYS &&
  Object.values(v).every((x) => typeof x === 'string' && x.length > 0 && x.length <= 300) &&
  (v as Key)[GSI_LIST.partitionKey] === LIST_PARTITION &&
  (v as Key).sk === 'META' &&
  (v as Key).pk === `WORK#${(v as Key)[GSI_LIST.sortKey]}`;

function toWork(item: Record<string, unknown>): Work {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, entity: _e, ...work } = item;
  return work as unknown as Work;
}

export class DynamoWorkRepository implements WorkRepository {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    guardStoreErrors(client, 'DynamoDB');
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(id: string): Promise<Work | null> {
    const res = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: workKey(id), ConsistentRead: true }));
    return res.Item ? toWork(res.Item) : null;
  }

  async findByReferenceKey(key: string): Promise<Work[]> {
    const res = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI_BY_NUMBER.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSI_BY_NUMBER.partitionKey },
        ExpressionAttributeValues: { ':pk': `REF#${key}` },
        Limit: 50,
      }),
    );
    return (res.Items ?? []).map(toWork).sort((a, b) => a.id.localeCompare(b.id));
  }

  async findByNameKey(key: string): Promise<Work[]> {
    const res = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `NAME#${key}` },
        Limit: 50,
      }),
    );
    const ids = (res.Items ?? []).map((i) => i.workId).filter((id): id is string => typeof id === 'string');
    const works = await Promise.all(ids.map((id) => this.get(id)));
    // A work whose title or date changed since leaves its old name item behind: only its current keys count.
    return works.filter((w): w is Work => !!w && nameKeys(w).includes(key)).sort((a, b) => a.id.localeCompare(b.id));
  }

  async findIdBySourceHash(sha256: string): Promise<string | null> {
    const res = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: hashKey(sha256), ConsistentRead: true }));
    return typeof res.Item?.workId === 'string' ? res.Item.workId : null;
  }

  async save(work: Work, expectedVersion: number): Promise<Work> {
    const stored: Work = { ...work, version: expectedVersion + 1 };
    const item = {
      ...stored,
      ...workKey(work.id),
      entity: 'work',
      ...(work.number ? { [GSI_BY_NUMBER.partitionKey]: `REF#${referenceKey(work.number)}`, [GSI_BY_NUMBER.sortKey]: work.id } : {}),
      [GSI_LIST.partitionKey]: LIST_PARTITION,
      [GSI_LIST.sortKey]: work.id,
    };
    const input: TransactWriteCommandInput = {
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: item,
            ...(expectedVersion === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: '#v = :expected',
                  ExpressionAttributeNames: { '#v': 'version' },
                  ExpressionAttributeValues: { ':expected': expectedVersion },
                }),
          },
        },
        ...work.sources.map((s) => ({
          Put: {
            TableName: this.tableName,
            Item: { ...hashKey(s.sha256), entity: 'source_hash', workId: work.id },
            ConditionExpression: 'attribute_not_exists(pk) OR workId = :id',
            ExpressionAttributeValues: { ':id': work.id },
          },
        })),
        ...nameKeys(work).map((key) => ({ Put: { TableName: this.tableName, Item: { ...nameItemKey(key, work.id), entity: 'work_name', workId: work.id } } })),
      ],
    };
    try {
      await this.doc.send(new TransactWriteCommand(input));
    } catch (e) {
      if (e instanceof TransactionCanceledException || (e as Error).name === 'TransactionCanceledException') {
        const reasons = (e as TransactionCanceledException).CancellationReasons ?? [];
        if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict'))
          throw new ConflictError(`Work ${work.id} changed concurrently (expected version ${expectedVersion})`, { id: work.id });
      }
      throw e;
    }
    return stored;
  }

  async list(query: ListQuery): Promise<Page<Work>> {
    let startKey: Key | undefined = query.cursor ? decodeCursor(query.cursor, isKey) : undefined;
    const items: Work[] = [];
    // A type filter is applied after the key condition: keep reading until the page is full or the index ends.
    do {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        IndexName: GSI_LIST.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': GSI_LIST.partitionKey, ...(query.type ? { '#type': 'type' } : {}) },
        ExpressionAttributeValues: { ':pk': LIST_PARTITION, ...(query.type ? { ':type': query.type } : {}) },
        ...(query.type ? { FilterExpression: '#type = :type' } : {}),
        Limit: query.limit - items.length,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      };
      const res = await this.doc.send(new QueryCommand(input));
      items.push(...(res.Items ?? []).map(toWork));
      startKey = res.LastEvaluatedKey as Key | undefined;
    } while (startKey && items.length < query.limit);
    return startKey ? { items, nextCursor: encodeCursor(startKey) } : { items };
  }
}
