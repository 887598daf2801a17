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
import type { CsdlFunction } from '../../infra/constructs/csdl-function';
import type { CsdlFunctionName } from '../../infra/function-specs';

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
  readonly followTemplate: Template;
  /**
   * The stacks of functions (stateless and follow) as one template: what holds for every function, route and alarm
   * is checked over it, whichever stack a function family lives in (their logical ids are unique across both).
   */
  readonly functionsTemplate: Template;
  /** A function by name, from whichever stack holds it. */
  fn(name: CsdlFunctionName): CsdlFunction;
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
  const statelessTemplate = Template.fromStack(csdl.stateless);
  const followTemplate = Template.fromStack(csdl.follow);
  const [a, b] = [statelessTemplate.toJSON(), followTemplate.toJSON()];
  const clash = Object.keys(b.Resources).filter((id) => id in a.Resources);
  if (clash.length > 0) throw new Error(`logical ids in both function stacks: ${clash.join(', ')}`);
  return {
    ...csdl,
    assembly,
    statefulTemplate: Template.fromStack(csdl.stateful),
    statelessTemplate,
    followTemplate,
    functionsTemplate: Template.fromJSON({ ...a, Resources: { ...a.Resources, ...b.Resources } }),
    fn: (name) => {
      const found = csdl.stateless.functions[name] ?? csdl.follow.functions[name];
      if (!found) throw new Error(`no function ${name} in any stack`);
      return found;
    },
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
