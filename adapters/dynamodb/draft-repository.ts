/**
 * Drafts (domain/drafting, docs/adr/0014) on DynamoDB, single table (keys: table-design.ts DRAFT_KEYS). The draft
 * record is replaced under a condition on its `revision`; versions, comments, appraisals and findings are put with
 * `attribute_not_exists`, each as its own item, so concurrent writers never overwrite one another; so are the
 * idempotency records (issue 22, `REQ#<key>`), and the loser reads the winner's record. Bodies are kept
 * as JSON strings: the records are read whole and never filtered on.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors';
import type { Appraisal, CheckingFinding, Draft, DraftComment, DraftRequest, DraftVersion } from '../../domain/drafting/types';
import type { DraftRepository } from '../../domain/ports';
import { queryAll } from './batch';
import { guardStoreErrors, isConditionFailure } from './errors';
import { DRAFT_KEYS as K } from './table-design';

export class DynamoDraftRepository implements DraftRepository {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    guardStoreErrors(client, 'DynamoDB');
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  private async putNew(pk: string, sk: string, entity: string, body: unknown, conflict: string, extra: Record<string, unknown> = {}): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk, sk, entity, ...extra, body: JSON.stringify(body) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (e) {
      if (isConditionFailure(e)) throw new ConflictError(conflict);
      throw e;
    }
  }

  private async putIfRevision(pk: string, sk: string, entity: string, body: { revision: number }, expected: number, conflict: string): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk, sk, entity, revision: body.revision, body: JSON.stringify(body) },
          ConditionExpression: 'revision = :expected',
          ExpressionAttributeValues: { ':expected': expected },
        }),
      );
    } catch (e) {
      if (isConditionFailure(e)) throw new ConflictError(conflict);
      throw e;
    }
  }

  private async getBody<T>(pk: string, sk: string): Promise<T | null> {
    const res = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }));
    return res.Item ? (JSON.parse(String(res.Item.body)) as T) : null;
  }

  private async listBodies<T>(pk: string, prefix: string): Promise<T[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ConsistentRead: true,
    });
    return items.map((i) => JSON.parse(String(i.body)) as T);
  }

  async createDraft(draft: Draft): Promise<Draft> {
    const stored = { ...draft, revision: 1 };
    await this.putNew(K.pk(draft.id), K.meta, 'draft', stored, `Draft ${draft.id} exists already`, { revision: 1 });
    return stored;
  }

  getDraft(id: string): Promise<Draft | null> {
    return this.getBody<Draft>(K.pk(id), K.meta);
  }

  async saveDraft(draft: Draft, expectedRevision: number): Promise<Draft> {
    const stored = { ...draft, revision: expectedRevision + 1 };
    await this.putIfRevision(K.pk(draft.id), K.meta, 'draft', stored, expectedRevision, `Draft ${draft.id} changed since revision ${expectedRevision}`);
    return stored;
  }

  putVersion(version: DraftVersion): Promise<void> {
    return this.putNew(K.pk(version.draftId), K.version(version.n), 'draft_version', version, `Draft ${version.draftId} has a version ${version.n} already`);
  }

  getVersion(draftId: string, n: number): Promise<DraftVersion | null> {
    return this.getBody<DraftVersion>(K.pk(draftId), K.version(n));
  }

  listVersions(draftId: string): Promise<DraftVersion[]> {
    return this.listBodies<DraftVersion>(K.pk(draftId), K.versionPrefix);
  }

  addComment(comment: DraftComment): Promise<void> {
    return this.putNew(K.pk(comment.draftId), K.comment(comment.id), 'draft_comment', comment, `Comment ${comment.id} exists already`, {
      revision: comment.revision,
    });
  }

  getComment(draftId: string, commentId: string): Promise<DraftComment | null> {
    return this.getBody<DraftComment>(K.pk(draftId), K.comment(commentId));
  }

  async saveComment(comment: DraftComment, expectedRevision: number): Promise<DraftComment> {
    const stored = { ...comment, revision: expectedRevision + 1 };
    await this.putIfRevision(
      K.pk(comment.draftId),
      K.comment(comment.id),
      'draft_comment',
      stored,
      expectedRevision,
      `Comment ${comment.id} changed since revision ${expectedRevision}`,
    );
    return stored;
  }

  async listComments(draftId: string): Promise<DraftComment[]> {
    const list = await this.listBodies<DraftComment>(K.pk(draftId), K.commentPrefix);
    return list.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async recordRequest(request: DraftRequest): Promise<DraftRequest> {
    const pk = K.pk(request.draftId);
    const sk = K.request(request.key);
    try {
      await this.putNew(pk, sk, 'draft_request', request, `Request ${request.key} of ${request.draftId} recorded already`);
      return request;
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
    }
    const first = await this.getBody<DraftRequest>(pk, sk);
    if (!first) throw new ConflictError(`Request ${request.key} of ${request.draftId} was recorded and is not readable`);
    return first;
  }

  addAppraisal(appraisal: Appraisal): Promise<void> {
    return this.putNew(
      K.pk(appraisal.draftId),
      K.appraisal(appraisal.at, appraisal.id),
      'draft_appraisal',
      appraisal,
      `Appraisal ${appraisal.id} exists already`,
    );
  }

  listAppraisals(draftId: string): Promise<Appraisal[]> {
    return this.listBodies<Appraisal>(K.pk(draftId), K.appraisalPrefix);
  }

  addFinding(finding: CheckingFinding): Promise<void> {
    return this.putNew(K.findingsPk(finding.workId), K.finding(finding.at, finding.id), 'checking_finding', finding, `Finding ${finding.id} exists already`);
  }

  listFindings(workId: string): Promise<CheckingFinding[]> {
    return this.listBodies<CheckingFinding>(K.findingsPk(workId), K.findingPrefix);
  }
}
