/**
 * Units on DynamoDB: one item per unit in its set (`UNITS#<source sha256>` / `UNIT#<eId>`), written in batches of 25.
 * A unit's text longer than 100,000 characters (appendix tables) is stored gzip-compressed, so every item stays far
 * below DynamoDB's 400 KB limit.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { batchWriteAll, queryAll } from './batch';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { UnitRepository } from '../../domain/ports';
import type { StoredUnit } from '../../domain/units';
import { guardStoreErrors } from './errors';

const COMPRESS_ABOVE = 100_000;
const pk = (setId: string) => `UNITS#${setId}`;
const sk = (eId: string) => `UNIT#${eId}`;

type Item = Record<string, unknown>;

function toItem(setId: string, u: StoredUnit): Item {
  const { text, ...rest } = u;
  return {
    pk: pk(setId),
    sk: sk(u.eId),
    entity: 'unit',
    ...rest,
    ...(text.length > COMPRESS_ABOVE ? { textGz: gzipSync(Buffer.from(text, 'utf8')) } : { text }),
  };
}

function fromItem(item: Item): StoredUnit {
  const { pk: _pk, sk: _sk, entity: _e, textGz, text, ...rest } = item;
  return { ...(rest as Omit<StoredUnit, 'text'>), text: textGz ? gunzipSync(Buffer.from(textGz as Uint8Array)).toString('utf8') : String(text ?? '') };
}

export class DynamoUnitRepository implements UnitRepository {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    guardStoreErrors(client, 'DynamoDB');
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  private queryAll(setId: string, projectKeysOnly: boolean): Promise<Item[]> {
    return queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :unit)',
      ExpressionAttributeValues: { ':pk': pk(setId), ':unit': 'UNIT#' },
      ...(projectKeysOnly ? { ProjectionExpression: 'pk, sk' } : {}),
    });
  }

  private batchWrite(requests: Record<string, unknown>[]): Promise<void> {
    return batchWriteAll(this.doc, this.tableName, requests, 'unit');
  }

  async replaceUnits(setId: string, units: StoredUnit[]): Promise<void> {
    const keep = new Set(units.map((u) => sk(u.eId)));
    const stale = (await this.queryAll(setId, true)).filter((k) => !keep.has(String(k.sk)));
    await this.batchWrite([
      ...units.map((u) => ({ PutRequest: { Item: toItem(setId, u) } })),
      ...stale.map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } })),
    ]);
  }

  async listUnits(setId: string): Promise<StoredUnit[]> {
    return (await this.queryAll(setId, false)).map(fromItem).sort((a, b) => a.ord - b.ord);
  }

  async getUnit(setId: string, eId: string): Promise<StoredUnit | null> {
    const res = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: pk(setId), sk: sk(eId) } }));
    return res.Item ? fromItem(res.Item as Item) : null;
  }
}
