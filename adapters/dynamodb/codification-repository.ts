/**
 * The Bộ pháp điển on DynamoDB (single table, docs/adr/0003):
 *   CODIFY / TOPIC#<nn>                     a chủ đề
 *   CODIFY / HEADING#<id>                   a đề mục: structure (gzip JSON) and the article set it reads
 *   CODIFYSET#<set> / ART#<ord>             its articles (gzip JSON), gsi1 = CODE#<code>, gsi2 = SRC#<document id>
 * A heading's articles are written under a new set first and the heading item is switched to it in one write,
 * so a reader never sees half an import; the old set is deleted afterwards (an interrupted import leaves only an
 * orphan set, which lookups ignore because they check the heading's current set).
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { batchWriteAll, queryAll } from './batch';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CodifiedArticle, Topic } from '../../domain/codify/types';
import type { CodificationRepository, StoredHeading, TopicSummary } from '../../domain/ports';
import { topicSummaries } from '../../domain/services/codification';
import { GSI_BY_NUMBER, GSI_LIST } from './table-design';
import { guardStoreErrors } from './errors';

type Item = Record<string, unknown>;
const ROOT = 'CODIFY';
const setPk = (set: string) => `CODIFYSET#${set}`;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const gz = (v: unknown) => gzipSync(Buffer.from(JSON.stringify(v), 'utf8'));
const ungz = <T>(b: unknown) => JSON.parse(gunzipSync(Buffer.from(b as Uint8Array)).toString('utf8')) as T;

export class DynamoCodificationRepository implements CodificationRepository {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    guardStoreErrors(client, 'DynamoDB');
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  private query(input: { index?: string; keyExpr: string; names?: Record<string, string>; values: Record<string, unknown>; keysOnly?: boolean }) {
    return queryAll(this.doc, {
      TableName: this.tableName,
      ...(input.index ? { IndexName: input.index } : {}),
      KeyConditionExpression: input.keyExpr,
      ...(input.names ? { ExpressionAttributeNames: input.names } : {}),
      ExpressionAttributeValues: input.values,
      ...(input.keysOnly ? { ProjectionExpression: 'pk, sk' } : {}),
    });
  }

  private batchWrite(requests: Record<string, unknown>[]): Promise<void> {
    return batchWriteAll(this.doc, this.tableName, requests, 'codification');
  }

  async putTopics(topics: Topic[]): Promise<void> {
    await this.batchWrite(topics.map((t) => ({ PutRequest: { Item: { pk: ROOT, sk: `TOPIC#${pad(t.number, 3)}`, entity: 'topic', ...t } } })));
  }

  private async headingItem(id: string): Promise<Item | null> {
    const res = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: ROOT, sk: `HEADING#${id}` } }));
    return (res.Item as Item | undefined) ?? null;
  }

  async replaceHeading(heading: StoredHeading, articles: CodifiedArticle[]): Promise<void> {
    const set = createHash('sha256')
      .update(JSON.stringify([heading.id, articles.map((a) => a.contentHash)]))
      .digest('hex')
      .slice(0, 32);
    const previous = (await this.headingItem(heading.id))?.set as string | undefined;
    await this.batchWrite(
      articles.map((a, i) => ({
        PutRequest: {
          Item: {
            pk: setPk(set),
            sk: `ART#${pad(i, 6)}`,
            entity: 'codified_article',
            headingId: heading.id,
            body: gz(a),
            [GSI_BY_NUMBER.partitionKey]: `CODE#${a.code}`,
            [GSI_BY_NUMBER.sortKey]: `${heading.id}#${pad(i, 6)}`,
            ...(a.source?.documentId
              ? { [GSI_LIST.partitionKey]: `SRC#${a.source.documentId}`, [GSI_LIST.sortKey]: `${a.source.articleNum ?? ''}#${heading.id}#${pad(i, 6)}` }
              : {}),
          },
        },
      })),
    );
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: ROOT, sk: `HEADING#${heading.id}`, entity: 'heading', id: heading.id, topic: heading.topic, set, body: gz(heading) },
      }),
    );
    if (previous && previous !== set) {
      const stale = await this.query({ keyExpr: 'pk = :pk', values: { ':pk': setPk(previous) }, keysOnly: true });
      await this.batchWrite(stale.map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } })));
    }
  }

  async getHeading(id: string): Promise<StoredHeading | null> {
    const item = await this.headingItem(id);
    return item ? ungz<StoredHeading>(item.body) : null;
  }

  async listArticles(headingId: string): Promise<CodifiedArticle[]> {
    const set = (await this.headingItem(headingId))?.set as string | undefined;
    if (!set) return [];
    const items = await this.query({ keyExpr: 'pk = :pk', values: { ':pk': setPk(set) } });
    return items.sort((a, b) => String(a.sk).localeCompare(String(b.sk))).map((i) => ungz<CodifiedArticle>(i.body));
  }

  /** Keeps only items of each heading's current set (an interrupted or superseded import leaves orphans). */
  private async current(items: Item[]): Promise<CodifiedArticle[]> {
    const sets = new Map<string, string | undefined>();
    for (const id of new Set(items.map((i) => String(i.headingId)))) sets.set(id, (await this.headingItem(id))?.set as string | undefined);
    return items.filter((i) => String(i.pk) === setPk(String(sets.get(String(i.headingId))))).map((i) => ungz<CodifiedArticle>(i.body));
  }

  async getArticles(code: string): Promise<CodifiedArticle[]> {
    const items = await this.query({
      index: GSI_BY_NUMBER.indexName,
      keyExpr: '#pk = :pk',
      names: { '#pk': GSI_BY_NUMBER.partitionKey },
      values: { ':pk': `CODE#${code}` },
    });
    return this.current(items);
  }

  async listTopics(): Promise<TopicSummary[]> {
    const items = await this.query({ keyExpr: 'pk = :pk', values: { ':pk': ROOT } });
    const topics = items.filter((i) => i.entity === 'topic').map((t) => ({ number: Number(t.number), title: String(t.title) }));
    return topicSummaries(
      topics,
      items.filter((i) => i.entity === 'heading').map((i) => ungz<StoredHeading>(i.body)),
    );
  }

  async findBySource(documentId: string, articleNum?: string): Promise<CodifiedArticle[]> {
    const items = await this.query({
      index: GSI_LIST.indexName,
      keyExpr: articleNum === undefined ? '#pk = :pk' : '#pk = :pk AND begins_with(#sk, :art)',
      names: { '#pk': GSI_LIST.partitionKey, ...(articleNum === undefined ? {} : { '#sk': GSI_LIST.sortKey }) },
      values: { ':pk': `SRC#${documentId}`, ...(articleNum === undefined ? {} : { ':art': `${articleNum}#` }) },
    });
    return this.current(items);
  }
}
