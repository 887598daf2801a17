/**
 * Maps IAM roles to OpenSearch security roles (fine-grained access control), so `cdk deploy` leaves a domain the
 * functions can actually use: readers may search the `<prefix>*` indexes, writers may create and write them.
 * A small Lambda-backed custom resource (infra/custom-resources/opensearch-security/handler.ts) does the security
 * API calls as the domain's master user; no CDK provider framework, no extra roles.
 */
import * as path from 'node:path';
import { CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Domain } from 'aws-cdk-lib/aws-opensearchservice';
import { Construct } from 'constructs';
import { NODEJS_BUNDLING, REPO_ROOT } from '../bundling';
import type { AuditConfig, SecurityMappingProperties, SecurityRole } from '../custom-resources/opensearch-security/handler';
import { acknowledge } from '../nag';
import { LAMBDA_RUNTIME } from './csdl-function';

export interface SearchAccessMappingProps {
  readonly domain: Domain;
  /** The domain's master user; the custom resource runs as it. Must trust lambda.amazonaws.com. */
  readonly masterRole: Role;
  readonly indexPrefix: string;
  /** IAM role ARNs that may search. */
  readonly readers: string[];
  /** IAM role ARNs that may create, write and delete indexes under the prefix. */
  readonly writers: string[];
  readonly logRetention: RetentionDays;
  readonly skipBundling: boolean;
}

const ENTRY = path.join(REPO_ROOT, 'infra', 'custom-resources', 'opensearch-security', 'handler.ts');

export function securityRoles(indexPrefix: string, readers: string[], writers: string[]): SecurityRole[] {
  const patterns = [`${indexPrefix}*`];
  const roles: SecurityRole[] = [];
  if (readers.length > 0) {
    roles.push({
      Name: `${indexPrefix}_reader`,
      ClusterPermissions: ['cluster_composite_ops_ro'],
      IndexPatterns: patterns,
      AllowedActions: ['read'],
      BackendRoles: readers,
    });
  }
  if (writers.length > 0) {
    roles.push({
      Name: `${indexPrefix}_writer`,
      // _bulk and _mget/_msearch across the prefix; cluster health for readiness checks.
      ClusterPermissions: ['cluster_composite_ops', 'cluster_monitor'],
      IndexPatterns: patterns,
      // Create the versioned index and its alias, write, delete: only under the prefix.
      AllowedActions: ['indices_all'],
      BackendRoles: writers,
    });
  }
  return roles;
}

/**
 * What the security plugin writes to the domain's audit log (published to CloudWatch Logs by the domain's
 * AUDIT_LOGS option, which alone records nothing useful until this is set). REST and transport layers; the
 * high-volume categories (every authenticated and granted request: all public searches) are off, so the log keeps
 * failed logins, missing privileges, bad headers, TLS errors and changes to the security configuration. Health
 * checks are never logged. Request bodies are not logged (public queries only add volume); sensitive headers never.
 */
export function auditConfig(): AuditConfig {
  return {
    enabled: true,
    audit: {
      enable_rest: true,
      disabled_rest_categories: ['AUTHENTICATED', 'GRANTED_PRIVILEGES'],
      enable_transport: true,
      disabled_transport_categories: ['AUTHENTICATED', 'GRANTED_PRIVILEGES'],
      resolve_indices: true,
      resolve_bulk_requests: false,
      log_request_body: false,
      exclude_sensitive_headers: true,
      ignore_users: [],
      ignore_requests: ['cluster:monitor/health', '/_cluster/health*', '/_plugins/_security/health*', '/'],
    },
    compliance: {
      enabled: true,
      // Changes to the security configuration (roles, mappings, this audit config) are logged.
      internal_config: true,
      external_config: false,
      read_metadata_only: true,
      read_watched_fields: {},
      read_ignore_users: [],
      write_metadata_only: true,
      write_log_diffs: false,
      write_watched_indices: [],
      write_ignore_users: [],
    },
  };
}

export class SearchAccessMapping extends Construct {
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: SearchAccessMappingProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    logGroup.grantWrite(props.masterRole);

    const common = {
      description: 'CloudFormation custom resource: OpenSearch fine-grained access control role mappings',
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.minutes(10),
      role: props.masterRole,
      logGroup,
    };
    const fn = props.skipBundling
      ? new LambdaFunction(this, 'Function', {
          ...common,
          handler: 'index.handler',
          code: Code.fromInline("exports.handler = async () => { throw new Error('csdl:skipBundling placeholder'); };"),
        })
      : new NodejsFunction(this, 'Function', {
          ...common,
          entry: ENTRY,
          handler: 'handler',
          projectRoot: REPO_ROOT,
          depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
          bundling: NODEJS_BUNDLING,
        });
    acknowledge(
      fn,
      'AwsSolutions-L1',
      'Same pinned nodejs22.x runtime as the application functions (see CsdlFunction); this one only runs during deployments.',
    );

    const properties: SecurityMappingProperties = {
      Endpoint: `https://${props.domain.domainEndpoint}`,
      Region: Stack.of(this).region,
      Roles: securityRoles(props.indexPrefix, props.readers, props.writers),
      Audit: JSON.stringify(auditConfig()),
    };
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: fn.functionArn,
      resourceType: 'Custom::OpenSearchSecurityMapping',
      properties,
    });
    this.resource.node.addDependency(props.domain);
  }
}
