/**
 * One Lambda function of the project: `functions/<name>/handler.ts` bundled by esbuild (never Docker), Node.js 22 on
 * ARM64, X-Ray active, its own log group with a retention (no LogRetention custom resource) and its own role that
 * starts empty: the only permissions are writing to that log group, X-Ray, and what the caller grants.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type BundleAsset, bundlingWith, functionEntry, REPO_ROOT } from '../bundling';
import { acknowledge, acknowledgeStarResourceActions } from '../nag';

export interface CsdlFunctionProps {
  /** Folder name under functions/. */
  readonly name: string;
  /** Physical role name (infra/naming.ts): OpenSearch access is mapped to it by name. */
  readonly roleName: string;
  readonly description: string;
  readonly memoryMiB: number;
  readonly timeoutSeconds: number;
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  /** Reserved concurrency (function-specs.ts); none by default. */
  readonly reservedConcurrency?: number;
  /** Files the bundle carries beside its code (infra/bundling.ts). */
  readonly assets?: readonly BundleAsset[];
  /** TEST ONLY: inline placeholder code instead of bundling the entry (context `csdl:skipBundling`). */
  readonly skipBundling: boolean;
}

export const LAMBDA_RUNTIME = Runtime.NODEJS_22_X;

const PLACEHOLDER_CODE = "exports.handler = async () => { throw new Error('placeholder synthesized with csdl:skipBundling; never deploy it'); };";

export class CsdlFunction extends Construct {
  readonly fn: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: CsdlFunctionProps) {
    super(scope, id);

    // RETAIN: a function's log is part of the audit trail (issue #22) and outlives a stateless redeploy.
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    this.role = new Role(this, 'Role', {
      roleName: props.roleName,
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.name}`,
    });
    this.logGroup.grantWrite(this.role);

    const common = {
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMiB,
      timeout: Duration.seconds(props.timeoutSeconds),
      reservedConcurrentExecutions: props.reservedConcurrency,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
    };

    if (props.skipBundling) {
      this.fn = new LambdaFunction(this, 'Function', { ...common, handler: 'index.handler', code: Code.fromInline(PLACEHOLDER_CODE) });
    } else {
      const entry = functionEntry(props.name);
      if (!fs.existsSync(entry)) {
        throw new Error(`${path.relative(REPO_ROOT, entry)} does not exist: every name in FUNCTIONS/BACKGROUND_FUNCTIONS needs a handler.ts`);
      }
      this.fn = new NodejsFunction(this, 'Function', {
        ...common,
        entry,
        handler: 'handler',
        projectRoot: REPO_ROOT,
        depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
        bundling: bundlingWith(props.assets ?? []),
      });
    }

    // Per action: any other action granted on `*` to this role leaves AwsSolutions-IAM5[Resource::*] unacknowledged.
    acknowledgeStarResourceActions(this.role, {
      'xray:PutTraceSegments': 'active tracing sends segments to X-Ray, which has no resource-level permissions for it.',
      'xray:PutTelemetryRecords': 'active tracing sends telemetry to X-Ray, which has no resource-level permissions for it.',
      'dynamodb:ListStreams': 'added by the DynamoDB stream event source (the indexer); ListStreams has no resource-level permissions.',
    });
    acknowledge(
      this.fn,
      'AwsSolutions-L1',
      'Pinned to nodejs22.x on purpose: the same Node 22 as the local runtime, the tests and CI (the project pins it as its `node` devDependency), and bundles target node22; move to the next LTS runtime as a deliberate change.',
    );
  }
}
