/**
 * The serverless import of the Bộ pháp điển export (docs/adr/0010) in the real app: encrypted TLS-only queues with a
 * dead-letter queue, SQS event sources reporting partial batch failures with bounded concurrency, grants that name
 * their queue and stay within the import prefix, an alarm on the DLQ, and the two HTTP routes.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { IMPORT_PREFIX, IMPORT_QUEUE_SETTINGS } from '../../infra/constructs/codification-import';
import { logicalId, type Synthesized, synthCsdl } from './synth';

let synth: Synthesized;
let t: Template;
beforeAll(() => {
  synth = synthCsdl({ 'csdl:skipBundling': true });
  t = synth.functionsTemplate;
});

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
const statementsOf = (roleId: string): Statement[] =>
  Object.values(t.findResources('AWS::IAM::Policy'))
    .filter((p) => ((p.Properties.Roles ?? []) as { Ref?: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const roleOf = (name: keyof Synthesized['stateless']['functions']) => logicalId(synth.fn(name).role);
const text = (v: unknown) => JSON.stringify(v);

it('creates a split queue and a file queue, SSE-encrypted, redriving to one encrypted DLQ after N receives', () => {
  const imp = synth.stateless.codificationImport;
  const dlq = logicalId(imp.deadLetterQueue);
  for (const q of [imp.splitQueue, imp.fileQueue]) {
    const props = t.toJSON().Resources[logicalId(q)].Properties;
    expect(props.SqsManagedSseEnabled).toBe(true);
    expect(props.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: IMPORT_QUEUE_SETTINGS.maxReceiveCount });
  }
  expect(t.toJSON().Resources[dlq].Properties.SqsManagedSseEnabled).toBe(true);
  // The worker's queue hides a message for 6 × the worker's timeout (AWS's rule for batching windows).
  const worker = t.toJSON().Resources[logicalId(synth.fn('codification-import-worker').fn)].Properties;
  expect(t.toJSON().Resources[logicalId(imp.fileQueue)].Properties.VisibilityTimeout).toBe(worker.Timeout * 6);
});

it('lets every import queue be reached over TLS only', () => {
  const imp = synth.stateless.codificationImport;
  for (const q of [imp.splitQueue, imp.fileQueue, imp.deadLetterQueue]) {
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId(q) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Principal: { AWS: '*' } }),
        ]),
      },
    });
  }
});

it('feeds the splitter and the worker from their queues with ReportBatchItemFailures and bounded concurrency', () => {
  const imp = synth.stateless.codificationImport;
  t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
    FunctionName: { Ref: logicalId(synth.fn('codification-import-worker').fn) },
    EventSourceArn: { 'Fn::GetAtt': [logicalId(imp.fileQueue), 'Arn'] },
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    BatchSize: IMPORT_QUEUE_SETTINGS.workerBatchSize,
    ScalingConfig: { MaximumConcurrency: IMPORT_QUEUE_SETTINGS.workerMaxConcurrency },
  });
  t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
    FunctionName: { Ref: logicalId(synth.fn('codification-import-split').fn) },
    EventSourceArn: { 'Fn::GetAtt': [logicalId(imp.splitQueue), 'Arn'] },
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    BatchSize: 1,
  });
});

it('scopes S3 access of the splitter and the worker to the import prefix, and sends only to the next queue', () => {
  const imp = synth.stateless.codificationImport;
  const splitter = statementsOf(roleOf('codification-import-split'));
  const worker = statementsOf(roleOf('codification-import-worker'));
  const start = statementsOf(roleOf('codification-imports-create'));
  const status = statementsOf(roleOf('codification-imports-get'));

  for (const stmts of [splitter, worker]) {
    const s3 = stmts.filter((s) => actions(s).some((a) => a.startsWith('s3:')));
    const gets = s3.filter((s) => actions(s).includes('s3:GetObject'));
    expect(gets.length).toBeGreaterThan(0);
    for (const s of gets) expect(text(s.Resource)).toContain(`/${IMPORT_PREFIX}*`);
    // Never a write to the bucket, never a read of the originals outside the prefix.
    expect(s3.flatMap(actions)).not.toContain('s3:PutObject');
    for (const s of s3.filter((x) => actions(x).includes('s3:GetObject'))) expect(text(s.Resource)).not.toMatch(/"\/\*"/);
  }
  const list = splitter.find((s) => actions(s).includes('s3:ListBucket'));
  expect(list?.Condition).toEqual({ StringLike: { 's3:prefix': [`${IMPORT_PREFIX}*`] } });
  expect(worker.flatMap(actions)).not.toContain('s3:ListBucket');

  const sendsTo = (stmts: Statement[]) => stmts.filter((s) => actions(s).includes('sqs:SendMessage')).map((s) => text(s.Resource));
  expect(sendsTo(start)).toEqual([text({ 'Fn::GetAtt': [logicalId(imp.splitQueue), 'Arn'] })]);
  expect(sendsTo(splitter)).toEqual([text({ 'Fn::GetAtt': [logicalId(imp.fileQueue), 'Arn'] })]);
  expect(sendsTo(worker)).toEqual([]);
  expect(sendsTo(status)).toEqual([]);
  expect(status.flatMap(actions).filter((a) => a.startsWith('s3:') || a.startsWith('sqs:') || a === 'dynamodb:PutItem')).toEqual([]);
});

it('gives the import functions the queue URLs and alarms on the import DLQ', () => {
  const imp = synth.stateless.codificationImport;
  for (const name of ['codification-imports-create', 'codification-import-split', 'codification-import-worker'] as const) {
    const env = t.toJSON().Resources[logicalId(synth.fn(name).fn)].Properties.Environment.Variables;
    expect(env.IMPORT_SPLIT_QUEUE_URL).toEqual({ Ref: logicalId(imp.splitQueue) });
    expect(env.IMPORT_FILE_QUEUE_URL).toEqual({ Ref: logicalId(imp.fileQueue) });
  }
  t.hasResourceProperties('AWS::CloudWatch::Alarm', {
    MetricName: 'ApproximateNumberOfMessagesVisible',
    Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(imp.deadLetterQueue), 'QueueName'] } }],
    Threshold: 1,
  });
});

it('routes POST and GET /v1/codification/imports behind the JWT authorizer', () => {
  for (const key of ['POST /v1/codification/imports', 'GET /v1/codification/imports/{id}'])
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key, AuthorizationType: 'JWT' });
});
