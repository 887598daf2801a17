/**
 * The AppContext of the codification import functions (docs/adr/0010): the usual ports plus the import job store,
 * the uploaded files (S3, under `imports/phapdien/`) and the SQS import queues. Apart from aws-context.ts so that only
 * these four functions bundle the SQS client.
 */
import * as z from 'zod/mini';
import { DynamoImportJobRepository } from '../../adapters/dynamodb/import-job-repository';
import { S3ImportFiles } from '../../adapters/s3/import-files';
import { SqsImportQueue } from '../../adapters/sqs/import-queue';
import type { ImportPorts } from '../../domain/ports';
import { awsAppContext } from './aws-context';
import { loadAwsConfig } from './config';
import type { AppContext } from './http';
import { createAwsClients } from './wiring';

const ImportQueueConfig = z.object({
  IMPORT_SPLIT_QUEUE_URL: z.url(),
  IMPORT_FILE_QUEUE_URL: z.url(),
  /** Only for tests and local tooling against an SQS-compatible endpoint. */
  SQS_ENDPOINT: z.optional(z.url()),
});

export function awsImportContext(serviceName: string, env: Record<string, string | undefined> = process.env): AppContext {
  const base = awsAppContext(serviceName);
  const config = loadAwsConfig(env);
  const res = ImportQueueConfig.safeParse(env);
  if (!res.success) throw new Error(`Configuration invalid or missing: ${res.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const clients = createAwsClients(config);
  const imports: ImportPorts = {
    jobs: new DynamoImportJobRepository(clients.dynamodb, config.TABLE_NAME),
    files: new S3ImportFiles(clients.s3, config.BUCKET_NAME),
    queue: new SqsImportQueue({
      splitQueueUrl: res.data.IMPORT_SPLIT_QUEUE_URL,
      fileQueueUrl: res.data.IMPORT_FILE_QUEUE_URL,
      region: config.AWS_REGION,
      ...(res.data.SQS_ENDPOINT ? { endpoint: res.data.SQS_ENDPOINT } : {}),
    }),
  };
  return { ...base, imports: async () => imports };
}
