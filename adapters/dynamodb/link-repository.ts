/**
 * Relations and effects on DynamoDB (single table, docs/adr/0003):
 *   LINKS#<source work> / REL#<ord> | EFF#<ord>     one item each (gzip JSON body), gsi1 = TARGET#<target work>
 * Replacing a source's links puts the new items and deletes the ones beyond them; a replay writes the same items,
 * so readers converge on the last extraction.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { batchWriteAll, queryAll } from './batch';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Effect } from '../../domain/effects/types';
import type { LinkRepository, Links } from '../../domain/ports';
import type { Relation } from '../../domain/relations/types';
import { GSI_BY_NUMBER } from './table-design';
import { guardStoreErrors } from './errors';

type Item = Record<string, unknown>;
const pk = (source: string) => `LINKS#${source}`;
const pad = (n: number) => String(n).padStart(6, '0');

export class DynamoLinkRepository implements LinkRepository {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    guardStoreErrors(client, 'DynamoDB');
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  private query(index: string | null, key: string, value: string, keysOnly = false): Promise<Item[]> {
    return queryAll(this.doc, {
      TableName: this.tableName,
      ...(index ? { IndexName: index } : {}),
      KeyConditionExpression: '#k = :v',
      ExpressionAttributeNames: { '#k': key },
      ExpressionAttributeValues: { ':v': value },
      ...(keysOnly ? { ProjectionExpression: 'pk, sk' } : {}),
    });
  }

  private batchWrite(requests: Record<string, unknown>[]): Promise<void> {
    return batchWriteAll(this.doc, this.tableName, requests, 'link');
  }

  async replaceExtracted(sourceWorkId: string, links: Links): Promise<void> {
    const item = (sk: string, target: string | null, body: unknown): Item => ({
      pk: pk(sourceWorkId),
      sk,
      entity: 'link',
      body: gzipSync(Buffer.from(JSON.stringify(body), 'utf8')),
      ...(target ? { [GSI_BY_NUMBER.partitionKey]: `TARGET#${target}`, [GSI_BY_NUMBER.sortKey]: `${sourceWorkId}#${sk}` } : {}),
    });
    const items = [
      ...links.relations.map((r, i) => item(`REL#${pad(i)}`, r.target.workId, r)),
      ...links.effects.map((e, i) => item(`EFF#${pad(i)}`, e.target.workId, e)),
    ];
    const keep = new Set(items.map((i) => String(i.sk)));
    const stale = (await this.query(null, 'pk', pk(sourceWorkId), true)).filter((k) => !keep.has(String(k.sk)));
    await this.batchWrite([...items.map((Item) => ({ PutRequest: { Item } })), ...stale.map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } }))]);
  }

  private static links(items: Item[]): Links {
    const sorted = [...items].sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
    const body = (i: Item) => JSON.parse(gunzipSync(Buffer.from(i.body as Uint8Array)).toString('utf8')) as unknown;
    return {
      relations: sorted.filter((i) => String(i.sk).startsWith('REL#')).map((i) => body(i) as Relation),
      effects: sorted.filter((i) => String(i.sk).startsWith('EFF#')).map((i) => body(i) as Effect),
    };
  }

  async incoming(targetWorkId: string): Promise<Links> {
    return DynamoLinkRepository.links(await this.query(GSI_BY_NUMBER.indexName, GSI_BY_NUMBER.partitionKey, `TARGET#${targetWorkId}`));
  }

  async outgoing(sourceWorkId: string): Promise<Links> {
    return DynamoLinkRepository.links(await this.query(null, 'pk', pk(sourceWorkId)));
  }
}
