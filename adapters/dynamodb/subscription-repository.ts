/**
 * Subscriptions and their deliveries (domain/subscriptions, docs/adr/0022) on DynamoDB, single table (keys:
 * table-design.ts SUBSCRIPTION_KEYS). Every write is one Put of the whole item: new records with
 * `attribute_not_exists(pk)`, updates under a condition on the `revision` read, so the sparse index keys (active
 * subscriptions, due deliveries) follow the record's state without UpdateItem bookkeeping, and nothing is ever deleted.
 * Bodies are JSON (gzip for deliveries, whose notification may carry a word diff); the key attributes stay out of
 * what is read back. Indexes are eventually consistent: `byOwner`, `active` and `deliveries` may lag a write by a
 * moment; `due` re-reads its candidates consistently and answers only those still pending and due; `inState` reads
 * the table consistently.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors';
import type { DeliveryPage, SubscriptionRepository } from '../../domain/ports';
import type { Delivery, DeliveryState, Subscription } from '../../domain/subscriptions/types';
import { decodeCursor, encodeCursor } from '../cursor';
import { queryAll } from './batch';
import { guardStoreErrors, isConditionFailure } from './errors';
import { GSI_BY_NUMBER as GSI_A, GSI_LIST as GSI_B, SUBSCRIPTION_KEYS as K } from './table-design';

type Item = Record<string, unknown>;

/** How many single-item writes or reads run at once. */
const PARALLEL = 16;

/** The `deliveries` cursor: the index sort key the next page stays below. */
type DeliveriesCursor = { b: string };
const isDeliveriesCursor = (v: unknown): v is DeliveriesCursor =>
  typeof v === 'object' && v !== null && typeof (v as DeliveriesCursor).b === 'string' && Object.keys(v).length === 1;

/** Runs `fn` over `items`, at most `n` at a time, and answers the results in order. */
async function pool<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}

/** The order of the index's sort keys (UTF-8 bytes, the same as UTF-16 code units for these ASCII stamps). */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const subscriptionOf = (item: Item) => JSON.parse(String(item.body)) as Subscription;
const deliveryOf = (item: Item) => JSON.parse(gunzipSync(Buffer.from(item.body as Uint8Array)).toString('utf8')) as Delivery;

function subscriptionItem(s: Subscription): Item {
  return {
    pk: K.pk(s.id),
    sk: K.meta,
    entity: 'subscription',
    revision: s.revision,
    [GSI_A.partitionKey]: K.ownerPk(s.owner),
    [GSI_A.sortKey]: K.ownerSk(s.createdAt, s.id),
    ...(s.cancelledAt === null ? { [GSI_B.partitionKey]: K.activePk, [GSI_B.sortKey]: s.id } : {}),
    body: JSON.stringify(s),
  };
}

function deliveryItem(d: Delivery): Item {
  return {
    pk: K.pk(d.subscriptionId),
    sk: K.delivery(d.id),
    entity: 'subscription_delivery',
    revision: d.revision,
    state: d.state,
    [GSI_A.partitionKey]: K.deliveriesPk(d.subscriptionId),
    [GSI_A.sortKey]: K.deliveriesSk(d.recordedAt, d.id),
    ...(d.state === 'pending' ? { [GSI_B.partitionKey]: K.duePk, [GSI_B.sortKey]: K.dueSk(d.nextAttemptAt, d.recordedAt, d.id) } : {}),
    body: gzipSync(Buffer.from(JSON.stringify(d), 'utf8')),
  };
}

export class DynamoSubscriptionRepository implements SubscriptionRepository {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    guardStoreErrors(client, 'DynamoDB');
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** Puts `item` under `condition`; false when the condition failed. */
  private async put(item: Item, condition: string, values?: Record<string, unknown>, names?: Record<string, string>): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: condition,
          ...(values ? { ExpressionAttributeValues: values } : {}),
          ...(names ? { ExpressionAttributeNames: names } : {}),
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }

  private async getItem(pk: string, sk: string): Promise<Item | null> {
    const res = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }));
    return (res.Item as Item | undefined) ?? null;
  }

  async create(subscription: Subscription): Promise<void> {
    const stored: Subscription = { ...subscription, revision: 1 };
    if (!(await this.put(subscriptionItem(stored), 'attribute_not_exists(pk)'))) throw new ConflictError(`Subscription ${subscription.id} exists already`);
  }

  async get(id: string): Promise<Subscription | null> {
    const item = await this.getItem(K.pk(id), K.meta);
    return item ? subscriptionOf(item) : null;
  }

  async byOwner(owner: string): Promise<Subscription[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: GSI_A.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI_A.partitionKey },
      ExpressionAttributeValues: { ':pk': K.ownerPk(owner) },
    });
    return items.map(subscriptionOf);
  }

  async active(): Promise<Subscription[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: GSI_B.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI_B.partitionKey },
      ExpressionAttributeValues: { ':pk': K.activePk },
    });
    return items.map(subscriptionOf);
  }

  async update(subscription: Subscription): Promise<Subscription> {
    const stored: Subscription = { ...subscription, revision: subscription.revision + 1 };
    if (!(await this.put(subscriptionItem(stored), 'revision = :expected', { ':expected': subscription.revision })))
      throw new ConflictError(`Subscription ${subscription.id} changed since revision ${subscription.revision}`);
    return stored;
  }

  async enqueue(deliveries: Delivery[]): Promise<number> {
    const added = await pool(deliveries, PARALLEL, (d) => this.put(deliveryItem({ ...d, revision: 1 }), 'attribute_not_exists(pk)'));
    return added.filter(Boolean).length;
  }

  async delivery(subscriptionId: string, deliveryId: string): Promise<Delivery | null> {
    const item = await this.getItem(K.pk(subscriptionId), K.delivery(deliveryId));
    return item ? deliveryOf(item) : null;
  }

  async deliveries(subscriptionId: string, before: string | null, limit: number): Promise<DeliveryPage> {
    const below = before ? decodeCursor(before, isDeliveriesCursor).b : null;
    // One delivery more than asked says whether an older page exists.
    const found: Item[] = [];
    let start: Item | undefined;
    do {
      const res: QueryCommandOutput = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI_A.indexName,
          KeyConditionExpression: below === null ? '#pk = :pk' : '#pk = :pk AND #sk < :below',
          ExpressionAttributeNames: { '#pk': GSI_A.partitionKey, ...(below === null ? {} : { '#sk': GSI_A.sortKey }) },
          ExpressionAttributeValues: { ':pk': K.deliveriesPk(subscriptionId), ...(below === null ? {} : { ':below': below }) },
          ScanIndexForward: false,
          Limit: limit + 1 - found.length,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      found.push(...((res.Items ?? []) as Item[]));
      start = res.LastEvaluatedKey;
    } while (start && found.length <= limit);
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(deliveryOf),
      older: found.length > limit && last ? encodeCursor({ b: String(last[GSI_A.sortKey]) }) : null,
    };
  }

  async inState(subscriptionId: string, state: DeliveryState, limit: number): Promise<Delivery[]> {
    const found: Item[] = [];
    let start: Item | undefined;
    while (found.length < limit) {
      // The table itself, read consistently (not the index): a sweep must see a delivery written a moment ago.
      const res: QueryCommandOutput = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          ConsistentRead: true,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :dlv)',
          FilterExpression: '#state = :state',
          ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk', '#state': 'state' },
          ExpressionAttributeValues: { ':pk': K.pk(subscriptionId), ':dlv': K.delivery(''), ':state': state },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      found.push(...((res.Items ?? []) as Item[]));
      start = res.LastEvaluatedKey;
      if (!start) break;
    }
    return found.slice(0, limit).map(deliveryOf);
  }

  async due(now: string, limit: number): Promise<Delivery[]> {
    if (limit <= 0) return [];
    // `<nextAttemptAt>#<id>` < `<now>$` exactly when nextAttemptAt <= now ('$' follows '#'; ISO stamps have one length).
    const candidates: Item[] = [];
    let start: Item | undefined;
    do {
      const res: QueryCommandOutput = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI_B.indexName,
          KeyConditionExpression: '#pk = :pk AND #sk < :bound',
          ExpressionAttributeNames: { '#pk': GSI_B.partitionKey, '#sk': GSI_B.sortKey },
          ExpressionAttributeValues: { ':pk': K.duePk, ':bound': `${now}$` },
          Limit: limit - candidates.length,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      candidates.push(...((res.Items ?? []) as Item[]));
      start = res.LastEvaluatedKey;
    } while (start && candidates.length < limit);
    // The index lags writes: answer each candidate as stored now, if it is still pending and due.
    const current = await pool(candidates.slice(0, limit), PARALLEL, (c) => this.getItem(String(c.pk), String(c.sk)));
    return current
      .filter((item): item is Item => item !== null)
      .map(deliveryOf)
      .filter((d) => d.state === 'pending' && (d.nextAttemptAt === null || d.nextAttemptAt <= now))
      .sort((a, b) => byCodeUnits(K.dueSk(a.nextAttemptAt, a.recordedAt, a.id), K.dueSk(b.nextAttemptAt, b.recordedAt, b.id)));
  }

  async updateDelivery(delivery: Delivery): Promise<Delivery> {
    const stored: Delivery = { ...delivery, revision: delivery.revision + 1 };
    if (!(await this.put(deliveryItem(stored), 'revision = :expected', { ':expected': delivery.revision })))
      throw new ConflictError(`Delivery ${delivery.id} changed since revision ${delivery.revision}`);
    return stored;
  }

  async cursor(): Promise<string | null> {
    const item = await this.getItem(K.cursorPk, K.cursorSk);
    return typeof item?.cursor === 'string' ? item.cursor : null;
  }

  async setCursor(cursor: string, expected: string | null): Promise<void> {
    const item = { pk: K.cursorPk, sk: K.cursorSk, entity: 'subscription_cursor', cursor };
    const moved =
      expected === null
        ? await this.put(item, 'attribute_not_exists(pk)')
        : await this.put(item, '#cursor = :expected', { ':expected': expected }, { '#cursor': 'cursor' });
    if (!moved) throw new ConflictError('The subscription dispatcher cursor moved since it was read');
  }
}
