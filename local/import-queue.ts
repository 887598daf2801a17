/**
 * The import queues of the local runtime (docs/adr/0010): what SQS and the two Lambda event sources do on AWS, in
 * process. `split` and `file` messages run through the same domain services as the splitter and the worker, a few
 * files at a time; a message that throws is retried (like SQS redelivery) and given up after `maxAttempts`, logged.
 */
import type { ImportMessage, ImportPorts, ImportQueue, Ports } from '../domain/ports';
import { importJobFile, splitImport } from '../domain/services/codification-import';

export interface InProcessImportQueueOptions {
  ports: Ports;
  imports: () => ImportPorts;
  concurrency?: number;
  maxAttempts?: number;
  onError?: (message: ImportMessage, error: unknown, attempt: number) => void;
}

export class InProcessImportQueue implements ImportQueue {
  private readonly pending: { message: ImportMessage; attempt: number }[] = [];
  private running = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly options: InProcessImportQueueOptions) {}

  async send(messages: ImportMessage[]): Promise<void> {
    for (const message of messages) this.pending.push({ message, attempt: 1 });
    this.pump();
  }

  /** Resolves when every message sent so far (and every message they sent) has been handled. */
  idle(): Promise<void> {
    if (this.running === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 2;
    while (this.running < limit && this.pending.length > 0) {
      const next = this.pending.shift();
      if (!next) break;
      this.running++;
      void this.handle(next.message)
        .catch((error: unknown) => {
          this.options.onError?.(next.message, error, next.attempt);
          if (next.attempt < (this.options.maxAttempts ?? 3)) this.pending.push({ message: next.message, attempt: next.attempt + 1 });
        })
        .finally(() => {
          this.running--;
          this.pump();
          if (this.running === 0 && this.pending.length === 0) for (const w of this.waiters.splice(0)) w();
        });
    }
  }

  private async handle(message: ImportMessage): Promise<void> {
    const { ports } = this.options;
    const imports = this.options.imports();
    if (message.kind === 'split') await splitImport({ ...imports, codification: ports.codification, clock: ports.clock }, message.importId);
    else await importJobFile({ ...ports, jobs: imports.jobs, files: imports.files }, message.importId, message.key);
  }
}
