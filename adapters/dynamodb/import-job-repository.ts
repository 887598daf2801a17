/**
 * Import jobs of the Bộ pháp điển (docs/adr/0010) on DynamoDB (single table, docs/adr/0003):
 *   IMPORT#<id> / JOB            the job: status, total, counters (done, failed, remaining, totals), final report
 *   IMPORT#<id> / FILE#<file>    one recorded file: its outcome, counts and diagnostics
 * A file is recorded in one transaction with the counters (`attribute_not_exists` on the file item), so a
 * redelivered message counts once; `remaining` reaching 0 lets exactly one conditional update complete the job.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors';
import type { ImportFileRecord, ImportJob, ImportJobRepository, ImportReport, ImportTotals } from '../../domain/ports';
import { queryAll } from './batch';
import { IMPORT_JOB_KEYS } from './table-design';
import { guardStoreErrors, isConditionFailure } from './errors';

type Item = Record<string, unknown>;
const pk = IMPORT_JOB_KEYS.pk;
const JOB = IMPORT_JOB_KEYS.job;
const fileSk = IMPORT_JOB_KEYS.file;
const TOTAL_KEYS: (keyof ImportTotals)[] = ['headings', 'articles', 'added', 'removed', 'changed', 'unchanged', 'unwritten', 'diagnostics'];

export class DynamoImportJobRepository implements ImportJobRepository {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    guardStoreErrors(client, 'DynamoDB');
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async create(job: ImportJob): Promise<void> {
    const { totals, ...rest } = job;
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: pk(job.id), sk: JOB, entity: 'codification_import', ...rest, ...prefixed(totals), remaining: 0 },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (e) {
      if (isConditionFailure(e)) throw new ConflictError(`Import ${job.id} exists already`, { id: job.id });
      throw e;
    }
  }

  async get(id: string): Promise<ImportJob | null> {
    const res = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: pk(id), sk: JOB }, ConsistentRead: true }));
    return res.Item ? toJob(res.Item) : null;
  }

  async start(id: string, total: number, topics: number, at: string): Promise<ImportJob> {
    try {
      const res = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: pk(id), sk: JOB },
          UpdateExpression: 'SET #status = :running, #total = :total, remaining = :total, topics = :topics, startedAt = :at',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status', '#total': 'total' },
          ExpressionAttributeValues: { ':running': 'running', ':pending': 'pending', ':total': total, ':topics': topics, ':at': at },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toJob(res.Attributes as Item);
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      const job = await this.get(id);
      if (!job) throw new ConflictError(`Import ${id} does not exist`, { id });
      return job;
    }
  }

  async hasFile(id: string, file: string): Promise<boolean> {
    const res = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: pk(id), sk: fileSk(file) }, ConsistentRead: true, ProjectionExpression: 'pk' }),
    );
    return res.Item !== undefined;
  }

  async recordFile(id: string, record: ImportFileRecord): Promise<boolean> {
    const adds: Record<string, number> = record.ok
      ? {
          done: 1,
          t_headings: 1,
          t_articles: record.articles,
          t_added: record.added,
          t_removed: record.removed,
          t_changed: record.changed,
          t_unchanged: record.unchanged,
          t_unwritten: record.written ? 0 : 1,
          t_diagnostics: record.diagnostics.length,
        }
      : { failed: 1 };
    adds.remaining = -1;
    const names = Object.keys(adds);
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { pk: pk(id), sk: fileSk(record.file), entity: 'codification_import_file', ...record },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: { pk: pk(id), sk: JOB },
                UpdateExpression: `ADD ${names.map((_n, i) => `#a${i} :a${i}`).join(', ')}`,
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
                ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:a${i}`, adds[n]])),
              },
            },
          ],
        }),
      );
      return true;
    } catch (e) {
      const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
      if ((e as Error).name === 'TransactionCanceledException' && reasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw e;
    }
  }

  async listFiles(id: string): Promise<ImportFileRecord[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :file)',
      ExpressionAttributeValues: { ':pk': pk(id), ':file': IMPORT_JOB_KEYS.filePrefix },
      ConsistentRead: true,
    });
    return items.map(({ pk: _pk, sk: _sk, entity: _entity, ...rest }) => rest as unknown as ImportFileRecord);
  }

  async complete(id: string, report: ImportReport, at: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: pk(id), sk: JOB },
          UpdateExpression: 'SET #status = :complete, report = :report, completedAt = :at',
          ConditionExpression: '#status = :running AND remaining = :zero',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':complete': 'complete', ':running': 'running', ':zero': 0, ':report': report, ':at': at },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailure(e)) return false;
      throw e;
    }
  }
}

function prefixed(totals: ImportTotals): Record<string, number> {
  return Object.fromEntries(TOTAL_KEYS.map((k) => [`t_${k}`, totals[k]]));
}

function toJob(item: Item): ImportJob {
  const num = (k: string) => Number(item[k] ?? 0);
  return {
    id: String(item.id),
    kind: 'phapdien',
    prefix: String(item.prefix),
    status: item.status as ImportJob['status'],
    requestedBy: (item.requestedBy as string | null | undefined) ?? null,
    createdAt: String(item.createdAt),
    startedAt: (item.startedAt as string | null | undefined) ?? null,
    completedAt: (item.completedAt as string | null | undefined) ?? null,
    total: item.total === null || item.total === undefined ? null : Number(item.total),
    done: num('done'),
    failed: num('failed'),
    topics: num('topics'),
    totals: Object.fromEntries(TOTAL_KEYS.map((k) => [k, num(`t_${k}`)])) as unknown as ImportTotals,
    report: (item.report as ImportReport | null | undefined) ?? null,
  };
}
