/**
 * The import queues on SQS (docs/adr/0010): `split` messages go to the split queue, `file` messages to the file
 * queue, ten per SendMessageBatch. Entries SQS refuses for a transient reason are sent again with back-off; what is
 * still refused after that throws, so the caller's own retry (its queue or the HTTP client) takes over.
 * The only file that uses the SQS SDK.
 */
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import type { ImportMessage, ImportQueue } from '../../domain/ports';

export interface SqsImportQueueConfig {
  splitQueueUrl: string;
  fileQueueUrl: string;
  region: string;
  endpoint?: string;
}

export class SqsImportQueue implements ImportQueue {
  private readonly client: SQSClient;

  /** `client` for tests; by default one is built from the configuration. */
  constructor(
    private readonly config: SqsImportQueueConfig,
    client?: Pick<SQSClient, 'send'>,
  ) {
    this.client =
      (client as SQSClient | undefined) ?? new SQSClient({ region: config.region, ...(config.endpoint ? { endpoint: config.endpoint } : {}), maxAttempts: 4 });
  }

  async send(messages: ImportMessage[]): Promise<void> {
    const byQueue = new Map<string, ImportMessage[]>();
    for (const m of messages) {
      const url = m.kind === 'split' ? this.config.splitQueueUrl : this.config.fileQueueUrl;
      byQueue.set(url, [...(byQueue.get(url) ?? []), m]);
    }
    for (const [url, list] of byQueue) for (let i = 0; i < list.length; i += 10) await this.sendBatch(url, list.slice(i, i + 10));
  }

  private async sendBatch(queueUrl: string, batch: ImportMessage[]): Promise<void> {
    let pending: SendMessageBatchRequestEntry[] = batch.map((m, i) => ({ Id: String(i), MessageBody: JSON.stringify(m) }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
      const res = await this.client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
      const failed = res.Failed ?? [];
      const permanent = failed.filter((f) => f.SenderFault);
      if (permanent.length > 0 || (failed.length > 0 && attempt >= 5))
        throw new Error(`SQS refused ${failed.length} of ${pending.length} import messages: ${failed.map((f) => `${f.Code}: ${f.Message ?? ''}`).join('; ')}`);
      const retry = new Set(failed.map((f) => f.Id));
      pending = pending.filter((e) => retry.has(e.Id));
    }
  }
}
