/**
 * Physical names that both stacks must agree on without a cross-stack reference.
 *
 * Lambda execution roles are named, so the stateful stack can map them in OpenSearch fine-grained access control
 * (by ARN string) before they exist, and the stateless stack can be destroyed and redeployed without touching the
 * domain's security configuration. IAM role names are per account: the stage keeps deployments apart.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function functionRoleName(stage: string, fn: string): string {
  return `csdl-${stage}-${fn}`;
}

export function functionRoleArn(scope: IConstruct, stage: string, fn: string): string {
  return Stack.of(scope).formatArn({
    service: 'iam',
    region: '',
    resource: 'role',
    resourceName: functionRoleName(stage, fn),
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}
