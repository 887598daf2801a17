/** The SQS adapter of the import queues (docs/adr/0010): routing by kind, batches of ten, retries of what SQS refused. */
import { SendMessageBatchCommand, type SendMessageBatchCommandInput, type SendMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { SqsImportQueue } from '../../adapters/sqs/import-queue';
import type { ImportMessage } from '../../domain/ports';

const config = { splitQueueUrl: 'https://sqs.local/split', fileQueueUrl: 'https://sqs.local/file', region: 'ap-southeast-1' };
const files = (n: number): ImportMessage[] =>
  Array.from({ length: n }, (_, i) => ({ kind: 'file', importId: 'job-1', key: `imports/phapdien/job-1/demuc/${i}.html.gz` }));

function fakeClient(answer: (input: SendMessageBatchCommandInput, call: number) => Partial<SendMessageBatchCommandOutput>) {
  const calls: SendMessageBatchCommandInput[] = [];
  return {
    calls,
    send: async (command: unknown) => {
      expect(command).toBeInstanceOf(SendMessageBatchCommand);
      const input = (command as SendMessageBatchCommand).input;
      calls.push(input);
      return answer(input, calls.length);
    },
  };
}

it('sends split messages to the split queue and file messages to the file queue, ten per batch', async () => {
  const client = fakeClient((input) => ({ Successful: (input.Entries ?? []).map((e) => ({ Id: e.Id as string, MessageId: 'x', MD5OfMessageBody: '' })) }));
  await new SqsImportQueue(config, client as never).send([{ kind: 'split', importId: 'job-1' }, ...files(23)]);
  expect(client.calls.map((c) => [c.QueueUrl, c.Entries?.length])).toEqual([
    [config.splitQueueUrl, 1],
    [config.fileQueueUrl, 10],
    [config.fileQueueUrl, 10],
    [config.fileQueueUrl, 3],
  ]);
  const bodies = client.calls.slice(1).flatMap((c) => (c.Entries ?? []).map((e) => JSON.parse(e.MessageBody as string)));
  expect(bodies).toEqual(files(23));
});

it('sends again only the entries SQS failed for a transient reason', async () => {
  const client = fakeClient((_input, call) =>
    call === 1 ? { Failed: [{ Id: '3', Code: 'InternalError', SenderFault: false }], Successful: [] } : { Successful: [], Failed: [] },
  );
  await new SqsImportQueue(config, client as never).send(files(5));
  expect(client.calls).toHaveLength(2);
  expect(client.calls[1]?.Entries?.map((e) => JSON.parse(e.MessageBody as string).key)).toEqual(['imports/phapdien/job-1/demuc/3.html.gz']);
});

it('throws when SQS refuses an entry as the sender’s fault', async () => {
  const client = fakeClient(() => ({ Failed: [{ Id: '0', Code: 'InvalidParameterValue', Message: 'too big', SenderFault: true }] }));
  await expect(new SqsImportQueue(config, client as never).send(files(1))).rejects.toThrow(/InvalidParameterValue: too big/);
});
