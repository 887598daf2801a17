/**
 * The stateless stack as it really deploys: functions bundled with esbuild, least-privilege roles, the HTTP API built
 * from ROUTES, the stream trigger with its DLQ, alarms.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { BACKGROUND_FUNCTIONS, FUNCTIONS, ROUTES } from '../../schemas/routes';
import { type CsdlFunctionName, FUNCTION_SPECS } from '../../infra/function-specs';
import { STREAM_SETTINGS } from '../../infra/constructs/stream-indexing';
import { functionRoleName } from '../../infra/naming';
import { PRINT_FONT_FILES } from '../../functions/_shared/print-fonts';
import { actionsOfRole, logicalId, type Synthesized, synthCsdl } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synthCsdl();
}, 180_000);

const ALL: CsdlFunctionName[] = [...FUNCTIONS, ...BACKGROUND_FUNCTIONS];
const fnResource = (name: CsdlFunctionName) => s.functionsTemplate.toJSON().Resources[logicalId(s.fn(name).fn)];
const roleActions = (name: CsdlFunctionName) => actionsOfRole(s.functionsTemplate, logicalId(s.fn(name).role));

test('the bundled app has an empty cdk-nag validation report (details in nag.test.ts)', () => {
  const report = JSON.parse(fs.readFileSync(path.join(s.assembly.directory, 'validation-report.json'), 'utf8'));
  expect(report.pluginReports).toEqual([]);
});

describe('functions', () => {
  test("the consolidated text's bundle carries the PDF fonts beside its code (the files print-fonts.ts reads); no other does", () => {
    const assetDir = (name: CsdlFunctionName) =>
      path.join(s.assembly.directory, `asset.${String(fnResource(name).Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    const fonts = path.join(assetDir('documents-consolidated'), 'fonts');
    expect(fs.readdirSync(fonts).sort()).toEqual(Object.values(PRINT_FONT_FILES).sort());
    for (const f of fs.readdirSync(fonts)) expect(fs.statSync(path.join(fonts, f)).size).toBeGreaterThan(300_000);
    expect(fs.existsSync(path.join(assetDir('search'), 'fonts'))).toBe(false);
  });

  test("the stacks stay clear of CloudFormation's 500 resources per stack (447 at issue 20; the follow stack since issue 21)", () => {
    // Each function brings about 8 resources (function, role, policy, log group, integration, route, permission, …).
    // Nearing the limit, move a family into a stack of its own (function-specs.ts `stack`), as subscriptions are.
    expect(Object.keys(s.statelessTemplate.toJSON().Resources).length).toBeLessThan(480);
    expect(Object.keys(s.followTemplate.toJSON().Resources).length).toBeLessThan(480);
    // The follow stack holds its family's functions, routes and alarms, and nothing of the stateless stack's.
    const follow = Object.values(s.followTemplate.findResources('AWS::Lambda::Function')).length;
    expect(follow).toBe(ALL.filter((n) => FUNCTION_SPECS[n].stack === 'follow').length);
    expect(
      Object.values(s.followTemplate.findResources('AWS::ApiGatewayV2::Route'))
        .map((r) => r.Properties.RouteKey)
        .sort(),
    ).toEqual(
      ROUTES.filter((r) => FUNCTION_SPECS[r.fn].stack === 'follow')
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    );
  });

  test('one Lambda per function, and no other (no CDK helper functions)', () => {
    s.functionsTemplate.resourceCountIs('AWS::Lambda::Function', ALL.length);
    expect(Object.keys({ ...s.stateless.functions, ...s.follow.functions }).sort()).toEqual([...ALL].sort());
  });

  test.each(ALL)('%s: Node 22 on ARM64, X-Ray, own log group, bundled code, environment', (name) => {
    const fn = fnResource(name);
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogGroup: { Ref: logicalId(s.fn(name).logGroup) } },
      MemorySize: FUNCTION_SPECS[name].memoryMiB,
      Timeout: FUNCTION_SPECS[name].timeoutSeconds,
      Code: { S3Bucket: expect.anything(), S3Key: expect.stringMatching(/\.zip$/) },
    });
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(
      [
        'CSDL_STORE',
        'LOG_LEVEL',
        'NODE_OPTIONS',
        'OPENSEARCH_ENDPOINT',
        'OPENSEARCH_INDEX_PREFIX',
        'POWERTOOLS_SERVICE_NAME',
        'TABLE_NAME',
        'BUCKET_NAME',
        // The codification import's functions also get their queues (docs/adr/0010).
        ...(FUNCTION_SPECS[name].codificationImport ? ['IMPORT_SPLIT_QUEUE_URL', 'IMPORT_FILE_QUEUE_URL'] : []),
      ].sort(),
    );
    expect(fn.Properties.Environment.Variables.CSDL_STORE).toBe('aws');
    expect(JSON.stringify(fn.Properties.Environment.Variables.OPENSEARCH_ENDPOINT)).toContain('https://');
  });

  test('roles carry the names the stateful stack maps in OpenSearch (infra/naming.ts)', () => {
    for (const name of ALL) {
      const role = s.functionsTemplate.toJSON().Resources[logicalId(s.fn(name).role)];
      expect(role.Properties.RoleName).toBe(functionRoleName('dev', name));
    }
  });

  test('log groups have a retention', () => {
    for (const name of ALL) {
      const group = s.functionsTemplate.toJSON().Resources[logicalId(s.fn(name).logGroup)];
      expect(group.Properties.RetentionInDays).toBe(365);
    }
  });
});

describe('least privilege', () => {
  const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 's3:PutObject'];
  const BASE = ['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

  test('no role has a managed policy or a wildcard action', () => {
    for (const role of Object.values(s.functionsTemplate.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
    for (const name of ALL) {
      for (const action of roleActions(name)) expect(action).not.toContain('*');
    }
  });

  test('health and openapi can only log and trace', () => {
    expect(roleActions('health')).toEqual(BASE);
    expect(roleActions('openapi')).toEqual(BASE);
  });

  test('documents-list and documents-get read, never write', () => {
    for (const name of ['documents-list', 'documents-get'] as const) {
      const actions = roleActions(name);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      for (const write of WRITES) expect(actions).not.toContain(write);
      // documents-list browses through the search index (issue 21): reads only; documents-get never touches it.
      expect(actions.filter((a) => a.startsWith('es:'))).toEqual(name === 'documents-list' ? ['es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost'] : []);
    }
    expect(roleActions('documents-list').filter((a) => a.startsWith('s3:'))).toEqual([]);
    expect(roleActions('documents-get')).toEqual(expect.arrayContaining(['s3:GetObject']));
  });

  test('documents-create writes the table and the bucket, not the search domain', () => {
    const actions = roleActions('documents-create');
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 's3:PutObject', 's3:GetObject']));
    expect(actions.filter((a) => a.startsWith('es:'))).toEqual([]);
  });

  test('search reads the search domain only', () => {
    const actions = roleActions('search');
    expect(actions.filter((a) => a.startsWith('es:'))).toEqual(['es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost']);
    expect(actions.filter((a) => a.startsWith('dynamodb:') || a.startsWith('s3:'))).toEqual([]);
  });

  test("reviewers' relation edits write the table only; history and the change feed only read it", () => {
    for (const name of ['relations-add', 'relations-correct', 'relations-remove'] as const) {
      const actions = roleActions(name);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
      expect(actions.filter((a) => a.startsWith('s3:') || a.startsWith('es:'))).toEqual([]);
    }
    for (const name of ['documents-history', 'changes'] as const) {
      const actions = roleActions(name);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query']));
      for (const write of WRITES) expect(actions).not.toContain(write);
      expect(actions.filter((a) => a.startsWith('s3:') || a.startsWith('es:'))).toEqual([]);
    }
  });

  test('quality (the reviewers’ report over every work) reads the table and its GSIs and the originals, and nothing else', () => {
    const actions = roleActions('quality');
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query']));
    for (const write of WRITES) expect(actions).not.toContain(write);
    // The originals, read again for what the instruction reader could not read (the link store does not keep it).
    expect(actions.filter((a) => a.startsWith('s3:'))).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(actions.filter((a) => a.startsWith('es:') || a.startsWith('sqs:'))).toEqual([]);
    expect(actions.filter((a) => !a.startsWith('dynamodb:') && !a.startsWith('s3:') && !BASE.includes(a))).toEqual([]);
    expect(fnResource('quality').Properties.Timeout).toBe(29);
    const route = Object.values(s.functionsTemplate.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: 'GET /v1/quality' } }));
    expect(route[0]?.Properties.AuthorizationType).toBe('JWT');
  });

  test('indexer reads the stream and bucket, writes the table (links, history) and the search domain', () => {
    const actions = roleActions('indexer');
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:DescribeStream',
        'dynamodb:GetItem',
        's3:GetObject',
        'es:ESHttpPut',
        'es:ESHttpPost',
        'sqs:SendMessage',
        // The links it reads from each document, and the history's events (docs/adr/0011).
        'dynamodb:PutItem',
        'dynamodb:BatchWriteItem',
      ]),
    );
    expect(actions.filter((a) => a.startsWith('s3:'))).toEqual(['s3:GetObject', 's3:ListBucket']);
  });

  test('DynamoDB statements name each GSI instead of index/*', () => {
    const json = JSON.stringify(s.functionsTemplate.toJSON());
    expect(json).not.toContain('/index/*');
    expect(json).toContain('/index/gsi1');
  });

  test('OpenSearch statements are limited to the index prefix', () => {
    const policy = JSON.stringify(
      Object.values(s.functionsTemplate.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: logicalId(s.fn('search').role) }] } })),
    );
    expect(policy).toContain('/csdl*');
  });
});

describe('HTTP API', () => {
  const routeKey = (method: string, path: string) => `${method} ${path}`;

  test('one route per ROUTES entry', () => {
    s.functionsTemplate.resourceCountIs('AWS::ApiGatewayV2::Route', ROUTES.length);
  });

  test.each(ROUTES.map((r) => [routeKey(r.method, r.path), r.access] as const))('%s (%s): JWT authorizer only when not public', (key, access) => {
    const route = Object.values(s.functionsTemplate.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: key } }));
    expect(route).toHaveLength(1);
    const props = route[0]?.Properties;
    if (access === 'public') {
      expect(props.AuthorizerId).toBeUndefined();
      expect(props.AuthorizationType ?? 'NONE').toBe('NONE');
    } else {
      expect(props.AuthorizationType).toBe('JWT');
      // The API's one authorizer: a Ref in the stateless stack, a cross-stack reference to it from the follow stack.
      expect(JSON.stringify(props.AuthorizerId)).toMatch(/"(Ref|OutputName)":"[^"]*CognitoJwt/);
    }
  });

  test('JWT authorizer trusts the Cognito pool and app client', () => {
    s.functionsTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [Match.anyValue()],
        Issuer: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith(['https://cognito-idp.'])] }),
      },
    });
  });

  test('default stage: auto-deploy, throttling, JSON access logs', () => {
    s.functionsTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        // The log group is the stateful stack's (RETAIN; test/infra/operations.test.ts).
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
    });
  });

  test('CORS allows GET from browsers', () => {
    s.functionsTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({ AllowMethods: Match.arrayWith(['GET']), AllowOrigins: ['*'] }),
    });
  });
});

describe('stream indexing', () => {
  test('indexer event source mapping: batching, bisect, partial failures, retries, age, DLQ', () => {
    s.functionsTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(s.fn('indexer').fn) },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: STREAM_SETTINGS.batchSize,
      MaximumBatchingWindowInSeconds: STREAM_SETTINGS.maxBatchingWindowSeconds,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: STREAM_SETTINGS.retryAttempts,
      MaximumRecordAgeInSeconds: STREAM_SETTINGS.maxRecordAgeHours * 3600,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(s.stateless.streamIndexing.deadLetterQueue), 'Arn'] } },
      },
      EventSourceArn: Match.anyValue(),
    });
    // The indexer's, and the codification import's split and file queues (test/infra/phapdien-import.test.ts).
    s.functionsTemplate.resourceCountIs('AWS::Lambda::EventSourceMapping', 3);
  });

  test('DLQ is encrypted and TLS-only', () => {
    const dlq = logicalId(s.stateless.streamIndexing.deadLetterQueue);
    expect(s.functionsTemplate.toJSON().Resources[dlq].Properties.SqsManagedSseEnabled).toBe(true);
    s.functionsTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: dlq }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });
});

describe('alarms', () => {
  /** The alarm topic: a Ref in the stateless stack, a cross-stack reference to it from the follow stack. */
  const topicRef = () => expect.stringMatching(new RegExp(`"(Ref|OutputName)":"(PublishOutputRef)?${logicalId(s.stateless.alarms.topic)}`));

  test('topic is KMS-encrypted and TLS-only', () => {
    s.functionsTemplate.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    s.functionsTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
    s.functionsTemplate.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('DLQ depth, every function error, iterator age and API 5xx page the topic', () => {
    const alarms = Object.values(s.functionsTemplate.findResources('AWS::CloudWatch::Alarm'));
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions.map((a: unknown) => JSON.stringify(a))).toEqual([topicRef()]);
    const metrics = alarms.map((a) => `${a.Properties.Namespace}/${a.Properties.MetricName}`);
    expect(metrics).toEqual(expect.arrayContaining(['AWS/SQS/ApproximateNumberOfMessagesVisible', 'AWS/Lambda/IteratorAge', 'AWS/ApiGateway/5xx']));
    expect(metrics.filter((m) => m === 'AWS/Lambda/Errors')).toHaveLength(ALL.length);
  });
});
