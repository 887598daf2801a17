/**
 * The history on DynamoDB (single table, docs/adr/0003, docs/adr/0011):
 *   HIST#<work> / EV#<event id>     one item per event (gzip JSON body), written only if absent (replays add nothing)
 *   gsi2 = FEED#<yyyy-mm> / <recordedAt>#<event id>    the change feed, one partition per month
 *   HISTORY / FIRST                  the month of the first event, where a feed read from the beginning starts
 *                                    (and where a read newest first, `recent`, ends)
 * Events are stamped just before they are written, by several writers at once; so the feed only hands out events
 * older than SETTLE_MS, by which time every event stamped earlier has landed, and a cursor never skips one.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand, type QueryCommandOutput, GetCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../cursor';
import type { FeedPage, HistoryEvent } from '../../domain/history/types';
import type { HistoryRepository, RecentPage } from '../../domain/ports';
import { queryAll } from './batch';
import { guardStoreErrors, isConditionFailure } from './errors';
import { GSI_LIST } from './table-design';

/** How old an event must be before the feed hands it out. A write takes milliseconds; this leaves a wide margin. */
export const SETTLE_MS = 10_000;
const MAX_MONTHS_PER_READ = 24;

type FeedCursor = { m: string; k: string | null };
const isFeedCursor = (v: unknown): v is FeedCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as FeedCursor).m === 'string' &&
  /^\d{4}-\d{2}$/.test((v as FeedCursor).m) &&
  ((v as FeedCursor).k === null || typeof (v as FeedCursor).k === 'string');

/** The `recent` cursor: the month to read and the sort key the page stays below (null: the month's end). */
type RecentCursor = { bm: string; bk: string | null };
const isRecentCursor = (v: unknown): v is RecentCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as RecentCursor).bm === 'string' &&
  /^\d{4}-\d{2}$/.test((v as RecentCursor).bm) &&
  ((v as RecentCursor).bk === null || typeof (v as RecentCursor).bk === 'string');

const monthOf = (iso: string) => iso.slice(0, 7);
function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}
function previousMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

export class DynamoHistoryRepository implements HistoryRepository {
  private readonly doc: DynamoDBDocumentClient;
  private firstMonthWritten = false;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    guardStoreErrors(client, 'DynamoDB');
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async append(events: HistoryEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!this.firstMonthWritten) {
      const first = events.map((e) => monthOf(e.recordedAt)).sort()[0] as string;
      await this.putIfAbsent({ pk: 'HISTORY', sk: 'FIRST', entity: 'history_meta', month: first });
      this.firstMonthWritten = true;
    }
    for (let i = 0; i < events.length; i += 10)
      await Promise.all(
        events.slice(i, i + 10).map((e) =>
          this.putIfAbsent({
            pk: `HIST#${e.workId}`,
            sk: `EV#${e.id}`,
            entity: 'history',
            recordedAt: e.recordedAt,
            [GSI_LIST.partitionKey]: `FEED#${monthOf(e.recordedAt)}`,
            [GSI_LIST.sortKey]: `${e.recordedAt}#${e.id}`,
            body: gzipSync(Buffer.from(JSON.stringify(e), 'utf8')),
          }),
        ),
      );
  }

  private async putIfAbsent(item: Record<string, unknown>): Promise<void> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (e) {
      if (isConditionFailure(e)) return;
      throw e;
    }
  }

  async forWork(workId: string): Promise<HistoryEvent[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ev)',
      ExpressionAttributeValues: { ':pk': `HIST#${workId}`, ':ev': 'EV#' },
    });
    return items.map(decode).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id));
  }

  async feed(since: string | null, limit: number): Promise<FeedPage> {
    const edge = new Date(this.now().getTime() - SETTLE_MS).toISOString();
    let cursor: FeedCursor;
    if (since) cursor = decodeCursor(since, isFeedCursor);
    else {
      const first = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: 'HISTORY', sk: 'FIRST' }, ConsistentRead: true }));
      cursor = { m: typeof first.Item?.month === 'string' ? first.Item.month : monthOf(edge), k: null };
    }
    const items: HistoryEvent[] = [];
    for (let months = 0; items.length < limit && months < MAX_MONTHS_PER_READ; months++) {
      let start: Record<string, unknown> | undefined;
      let exhausted = false;
      do {
        const res: QueryCommandOutput = await this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: GSI_LIST.indexName,
            KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
            ExpressionAttributeNames: { '#pk': GSI_LIST.partitionKey, '#sk': GSI_LIST.sortKey },
            ExpressionAttributeValues: { ':pk': `FEED#${cursor.m}`, ':from': cursor.k ? `${cursor.k}\u0000` : '0', ':to': edge },
            Limit: limit - items.length,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of res.Items ?? []) {
          items.push(decode(item));
          cursor = { m: cursor.m, k: String(item[GSI_LIST.sortKey]) };
        }
        start = res.LastEvaluatedKey;
        exhausted = !start;
      } while (start && items.length < limit);
      // A month read to its end moves the cursor on, unless it is the month still being written.
      if (!exhausted || cursor.m >= monthOf(edge)) break;
      cursor = { m: nextMonth(cursor.m), k: null };
    }
    return { items, cursor: encodeCursor(cursor) };
  }

  /**
   * Newest first: each month's partition backwards (ScanIndexForward false), from the month of the settle edge down to
   * the first month, at most MAX_MONTHS_PER_READ months a call. The same edge as the feed: an event shows once every
   * event stamped before it has landed, so a page below a cursor is complete when read.
   */
  async recent(before: string | null, limit: number): Promise<RecentPage> {
    const edge = new Date(this.now().getTime() - SETTLE_MS).toISOString();
    let at: RecentCursor = before ? decodeCursor(before, isRecentCursor) : { bm: monthOf(edge), bk: null };
    const first = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk: 'HISTORY', sk: 'FIRST' }, ConsistentRead: true }));
    const firstMonth = typeof first.Item?.month === 'string' ? first.Item.month : null;
    if (!firstMonth) return { items: [], older: null };
    // One event more than asked says whether an older page exists.
    const found: { event: HistoryEvent; month: string; key: string }[] = [];
    for (let months = 0; found.length <= limit && at.bm >= firstMonth && months < MAX_MONTHS_PER_READ; months++) {
      let start: Record<string, unknown> | undefined;
      do {
        const res: QueryCommandOutput = await this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: GSI_LIST.indexName,
            KeyConditionExpression: '#pk = :pk AND #sk < :below',
            ExpressionAttributeNames: { '#pk': GSI_LIST.partitionKey, '#sk': GSI_LIST.sortKey },
            ExpressionAttributeValues: { ':pk': `FEED#${at.bm}`, ':below': at.bk ?? edge },
            ScanIndexForward: false,
            Limit: limit + 1 - found.length,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of res.Items ?? []) found.push({ event: decode(item), month: at.bm, key: String(item[GSI_LIST.sortKey]) });
        start = res.LastEvaluatedKey;
      } while (start && found.length <= limit);
      if (found.length > limit) break;
      at = { bm: previousMonth(at.bm), bk: null };
    }
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    // Full with one to spare: older events follow the last one. Else, stopped by the month bound before the first
    // month: the next page goes on from there (it may be the empty last page). Else: this is the last page.
    const older: RecentCursor | null = found.length > limit && last ? { bm: last.month, bk: last.key } : at.bm >= firstMonth ? at : null;
    return { items: page.map((f) => f.event), older: older ? encodeCursor(older) : null };
  }
}

function decode(item: Record<string, unknown>): HistoryEvent {
  return JSON.parse(gunzipSync(Buffer.from(item.body as Uint8Array)).toString('utf8')) as HistoryEvent;
}
