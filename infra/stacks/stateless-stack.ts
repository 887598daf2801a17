/**
 * Code and wiring that can be destroyed and redeployed at will: one Lambda per function, the HTTP API, the stream
 * trigger, schedules and alarms. Stateful resources arrive as props (CDK turns them into cross-stack exports).
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { IDomain } from 'aws-cdk-lib/aws-opensearchservice';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { BACKGROUND_FUNCTIONS, FUNCTIONS, type FunctionName, ROUTES } from '../../schemas/routes';
import type { CsdlConfig } from '../config';
import { grantBucket, grantSearch, grantTable } from '../constructs/access-grants';
import { OperationalAlarms } from '../constructs/alarms';
import { CodificationImport } from '../constructs/codification-import';
import { CsdlFunction } from '../constructs/csdl-function';
import { DailyJob } from '../constructs/daily-job';
import { CsdlHttpApi } from '../constructs/http-api';
import { StreamIndexing } from '../constructs/stream-indexing';
import { type CsdlFunctionName, FUNCTION_SPECS } from '../function-specs';
import { functionRoleName } from '../naming';

export interface StatefulResources {
  readonly table: ITable;
  readonly tableIndexNames: readonly string[];
  readonly bucket: IBucket;
  readonly domain: IDomain;
  readonly searchEndpointUrl: string;
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  /** The HTTP API access log group (kept in the stateful stack). */
  readonly apiAccessLogs: ILogGroup;
}

export interface StatelessStackProps extends StackProps {
  readonly config: CsdlConfig;
  readonly stateful: StatefulResources;
}

export class StatelessStack extends Stack {
  /** This stack's functions (those of other families are in their stacks). */
  readonly functions: Partial<Record<CsdlFunctionName, CsdlFunction>>;
  readonly httpApi: CsdlHttpApi;
  readonly streamIndexing: StreamIndexing;
  readonly alarms: OperationalAlarms;
  readonly codificationImport: CodificationImport;
  /** Scheduled functions (`schedule` in function-specs.ts), by function name. */
  readonly dailyJobs: Partial<Record<CsdlFunctionName, DailyJob>> = {};

  /** The stateful resources it was given (other stacks of functions use the same). */
  readonly stateful: StatefulResources;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    this.stateful = stateful;

    const environment = functionEnvironment(config, stateful);
    // The functions of this stack: those of no other family (function-specs.ts `stack`).
    const names: CsdlFunctionName[] = [...FUNCTIONS, ...BACKGROUND_FUNCTIONS].filter((name) => !FUNCTION_SPECS[name].stack);
    const built: Partial<Record<CsdlFunctionName, CsdlFunction>> = {};
    for (const name of names) {
      const fn = buildFunction(this, name, config, stateful, environment);
      const spec = FUNCTION_SPECS[name];
      if (spec.schedule === 'daily-00:05-ICT') this.dailyJobs[name] = new DailyJob(this, `Daily-${name}`, { fn: fn.fn, description: spec.description });
      built[name] = fn;
    }
    this.functions = built;
    const own = (name: CsdlFunctionName): CsdlFunction => {
      const found = built[name];
      if (!found) throw new Error(`function ${name} is not in the stateless stack (function-specs.ts \`stack\`)`);
      return found;
    };

    // The serverless import of the Bộ pháp điển (docs/adr/0010): one function per part, wired by their spec rows.
    const importPart = (part: 'start' | 'status' | 'split' | 'work') => {
      const found = names.filter((name) => FUNCTION_SPECS[name].codificationImport === part);
      if (found.length !== 1 || !found[0]) throw new Error(`exactly one function must have codificationImport: '${part}', got ${found.join(', ') || 'none'}`);
      return own(found[0]);
    };
    this.codificationImport = new CodificationImport(this, 'CodificationImport', {
      bucket: stateful.bucket,
      start: importPart('start'),
      status: importPart('status'),
      splitter: importPart('split'),
      worker: importPart('work'),
    });

    const streamConsumers = names.filter((name) => FUNCTION_SPECS[name].tableStream);
    const [indexerName] = streamConsumers;
    if (streamConsumers.length !== 1 || !indexerName) {
      throw new Error(`exactly one function must consume the table stream, got ${streamConsumers.join(', ') || 'none'}`);
    }
    const indexer = own(indexerName).fn;
    this.streamIndexing = new StreamIndexing(this, 'StreamIndexing', { table: stateful.table, indexer });

    const httpFunctions: Partial<Record<FunctionName, IFunction>> = {};
    for (const name of FUNCTIONS) if (!FUNCTION_SPECS[name].stack) httpFunctions[name] = own(name).fn;
    this.httpApi = new CsdlHttpApi(this, 'Http', {
      stage: config.stage,
      // The routes of other stacks' functions are added there (CsdlHttpApi.addRoute).
      routes: ROUTES.filter((r) => !FUNCTION_SPECS[r.fn].stack),
      functions: httpFunctions,
      userPool: stateful.userPool,
      userPoolClient: stateful.userPoolClient,
      corsOrigins: config.corsOrigins,
      throttleRate: config.throttleRate,
      throttleBurst: config.throttleBurst,
      accessLogs: stateful.apiAccessLogs,
      ...(config.edge ? { customDomain: { name: config.edge.apiDomain, certificateArn: config.edge.apiCertificateArn } } : {}),
    });

    this.alarms = new OperationalAlarms(this, 'Alarms', {
      stage: config.stage,
      functions: Object.fromEntries(names.map((name) => [name, own(name).fn])),
      deadLetterQueue: this.streamIndexing.deadLetterQueue,
      otherDeadLetterQueues: {
        CodificationImport: {
          queue: this.codificationImport.deadLetterQueue,
          meaning: 'messages gave up after their retries wait in its DLQ (an import stays running until they are redriven).',
        },
        ...Object.fromEntries(
          Object.entries(this.dailyJobs).flatMap(([name, job]) => [
            [
              `${name}-undelivered`,
              { queue: job.deadLetterQueue, meaning: 'EventBridge Scheduler could not invoke the function: a daily run did not happen.' },
            ],
            [
              `${name}-failed`,
              { queue: job.failureQueue, meaning: 'a daily run failed after its retries (event and error in the queue): rerun it once the cause is fixed.' },
            ],
          ]),
        ),
      },
      streamConsumer: indexer,
      api: this.httpApi.api,
      email: config.alarmEmail,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }
}

/** Every function's environment: where the table, bucket and search domain are, and the public base URL. */
export function functionEnvironment(config: CsdlConfig, stateful: StatefulResources): Record<string, string> {
  return {
    CSDL_STORE: 'aws',
    TABLE_NAME: stateful.table.tableName,
    BUCKET_NAME: stateful.bucket.bucketName,
    OPENSEARCH_ENDPOINT: stateful.searchEndpointUrl,
    OPENSEARCH_INDEX_PREFIX: config.indexPrefix,
    LOG_LEVEL: config.logLevel,
    POWERTOOLS_SERVICE_NAME: 'csdl',
    // Absolute links (the Atom feed) name the national domain, never a request's Host header; without a front door
    // (dev) they stay relative to the feed.
    ...(config.edge ? { PUBLIC_BASE_URL: `https://${config.edge.webDomain}` } : {}),
  };
}

/** One function as its row in function-specs.ts says: size, role, and the grants written there (nothing else). */
export function buildFunction(
  scope: Construct,
  name: CsdlFunctionName,
  config: CsdlConfig,
  stateful: StatefulResources,
  environment: Record<string, string>,
): CsdlFunction {
  const spec = FUNCTION_SPECS[name];
  const fn = new CsdlFunction(scope, `Fn-${name}`, {
    name,
    roleName: functionRoleName(config.stage, name),
    description: spec.description,
    memoryMiB: spec.memoryMiB,
    timeoutSeconds: spec.timeoutSeconds,
    reservedConcurrency: spec.reservedConcurrency,
    assets: spec.assets ?? [],
    environment,
    logRetention: config.logRetention,
    skipBundling: config.skipBundling,
  });
  if (spec.table) grantTable(fn.role, stateful.table, stateful.tableIndexNames, spec.table, spec.batchWrite, spec.writeKeys);
  if (spec.bucket) grantBucket(fn.role, fn.role, stateful.bucket, spec.bucket);
  if (spec.search) grantSearch(fn.role, fn.role, stateful.domain, config.indexPrefix, spec.search);
  return fn;
}
