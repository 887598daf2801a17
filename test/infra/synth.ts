/**
 * Synthesizes the real CDK app (infra/csdl-app.ts) with the feature flags of cdk.json, into a temporary directory.
 * Bundles the functions with esbuild unless the caller asks for `csdl:skipBundling` (config-only tests).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { type CsdlApp, createCsdlApp } from '../../infra/csdl-app';

const CDK_JSON = path.resolve(__dirname, '../../cdk.json');

/** A complete front door (issue #22), required by stage prod: example domains and certificate ARNs. */
export const FRONT_DOOR = {
  region: 'ap-southeast-1',
  'web:domainName': 'phapluat.example.vn',
  'web:certificateArn': 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  'api:domainName': 'api.phapluat.example.vn',
  'api:certificateArn': 'arn:aws:acm:ap-southeast-1:123456789012:certificate/1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
} as const;

export interface Synthesized extends CsdlApp {
  readonly assembly: CloudAssembly;
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
}

/** The context of cdk.json: stage default and the feature flags `cdk synth` uses. */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(CDK_JSON, 'utf8')).context as Record<string, unknown>;
}

export function synthCsdl(context: Record<string, unknown> = {}): Synthesized {
  const base = cdkJsonContext();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'csdl-cdk-'));
  const csdl = createCsdlApp({ context: { ...base, ...context }, outdir });
  const assembly = csdl.app.synth();
  return {
    ...csdl,
    assembly,
    statefulTemplate: Template.fromStack(csdl.stateful),
    statelessTemplate: Template.fromStack(csdl.stateless),
  };
}

/** Logical id of the CloudFormation resource behind an L2 construct. */
export function logicalId(construct: IConstruct): string {
  const cfn = construct.node.defaultChild as CfnResource;
  return Stack.of(construct).getLogicalId(cfn);
}

type PolicyStatementJson = { Effect: string; Action: string | string[]; Resource: unknown };

/** Every action allowed to a role by the inline/default policies attached to it in `template`. */
export function actionsOfRole(template: Template, roleLogicalId: string): string[] {
  const policies = template.findResources('AWS::IAM::Policy');
  const actions: string[] = [];
  for (const policy of Object.values(policies)) {
    const roles = (policy.Properties.Roles ?? []) as { Ref?: string }[];
    if (!roles.some((role) => role.Ref === roleLogicalId)) continue;
    for (const statement of policy.Properties.PolicyDocument.Statement as PolicyStatementJson[]) {
      if (statement.Effect !== 'Allow') continue;
      actions.push(...(Array.isArray(statement.Action) ? statement.Action : [statement.Action]));
    }
  }
  return actions.sort();
}
