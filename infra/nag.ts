/**
 * cdk-nag 3 glue. cdk-nag 3 is a CDK *validation plugin*: `Validations.of(app).addPlugins(new AwsSolutionsChecks(app))`
 * registers it, and `app.synth()` runs it after the templates are written. Findings go to
 * `cdk.out/validation-report.json`; errors make an in-memory synth (tests) throw and make `cdk synth` exit non-zero.
 * Acknowledgements are CDK's own `Validations.of(construct).acknowledge({ id, reason })` (construct metadata that the
 * plugin reads on the resource and its ancestors); `NagSuppressions` no longer exists in cdk-nag 3.
 *
 * Rule of this folder: every acknowledgement sits beside the resource it is about, with a real reason.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Acknowledge `AwsSolutions-IAM5` for exactly the given wildcard resources (for example `bucket.arnForObjects('*')`)
 * in the policies of `scope` (a role, or anything above its default policy).
 *
 * cdk-nag names such a finding after the resource as written in the *synthesized* template. When the resource is in
 * another stack that text is an `Fn::ImportValue` of a CDK-generated export name, which only exists once CDK has
 * resolved cross-stack references. Construct validations run after that step and before templates are checked, so
 * the acknowledgement is recorded there, from the very tokens the grant used: nothing is spelled by hand, and a
 * wildcard that was not listed here is still reported.
 */
export function acknowledgeWildcardResources(scope: IConstruct, resources: readonly string[], reason: string): void {
  scope.node.addValidation({
    validate: () => {
      const stack = Stack.of(scope);
      const problems: string[] = [];
      for (const resource of resources) {
        const flat = flattenCfnReference(stack.resolve(resource));
        if (!flat.includes('*')) {
          problems.push(`acknowledgeWildcardResources: ${flat} has no wildcard, remove it from the list`);
          continue;
        }
        Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flat}]`, reason });
      }
      return problems;
    },
  });
}

/**
 * The string cdk-nag uses for a CloudFormation value inside a finding id (same algorithm as cdk-nag's internal
 * `flattenCfnReference`, which the package does not export).
 */
export function flattenCfnReference(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (value !== null && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    if (node['Fn::Join']) {
      const [delimiter, items] = node['Fn::Join'] as [string, unknown[]];
      return items.map(flattenCfnReference).join(delimiter);
    }
    if (node['Fn::Sub']) return flattenCfnReference(node['Fn::Sub']);
    if (node['Fn::GetAtt']) {
      const [resource, attribute] = node['Fn::GetAtt'] as [unknown, unknown];
      return `<${flattenCfnReference(resource)}.${flattenCfnReference(attribute)}>`;
    }
    if (node['Fn::ImportValue']) return flattenCfnReference(node['Fn::ImportValue']);
    if (node.Ref) return `<${flattenCfnReference(node.Ref)}>`;
  }
  return JSON.stringify(value);
}

/**
 * Acknowledge `AwsSolutions-IAM5[Resource::*]` in the policies under `scope` only while every action granted on
 * `Resource: *` there is one of `reasons` (action → why it cannot name a resource). cdk-nag's finding id names the
 * resource, not the action, so a plain acknowledgement would also cover any wildcard grant added later; this one is
 * recorded only after checking the synthesized statements, and a statement with another action on `*` (a future
 * `s3:ListAllMyBuckets` on `*`, say) leaves the finding unacknowledged: synth fails.
 */
export function acknowledgeStarResourceActions(scope: IConstruct, reasons: Readonly<Record<string, string>>): void {
  scope.node.addValidation({
    validate: () => {
      const found = new Set<string>();
      let unexpected = false;
      for (const child of scope.node.findAll()) {
        if (!CfnPolicy.isCfnPolicy(child)) continue;
        const doc = Stack.of(child).resolve(child.policyDocument) as { Statement?: StatementJson[] };
        for (const st of doc.Statement ?? []) {
          if (st.Effect !== 'Allow' || !asList(st.Resource).includes('*')) continue;
          for (const action of asList(st.Action)) {
            if (typeof action === 'string' && Object.hasOwn(reasons, action)) found.add(action);
            else unexpected = true;
          }
        }
      }
      if (found.size > 0 && !unexpected) {
        const reason = [...found]
          .sort()
          .map((action) => `${action} on *: ${reasons[action]}`)
          .join(' ');
        Validations.of(scope).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason });
      }
      return [];
    },
  });
}

interface StatementJson {
  Effect?: string;
  Action?: unknown;
  Resource?: unknown;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
