/**
 * CloudFormation custom resource (Lambda-backed, no provider framework): keeps OpenSearch fine-grained access control
 * in step with the stacks. For each entry of `Roles` it PUTs an OpenSearch security role (index patterns, allowed
 * actions) and maps IAM role ARNs to it as backend roles. Runs as the domain's master user role.
 *
 * This is a Lambda handler bundled by CDK, not part of the CDK app: the app never imports it.
 */
import * as https from 'node:https';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws-v3';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';

export interface SecurityRole {
  /** OpenSearch security role name. */
  readonly Name: string;
  readonly ClusterPermissions: string[];
  readonly IndexPatterns: string[];
  readonly AllowedActions: string[];
  /** IAM role ARNs mapped to it. */
  readonly BackendRoles: string[];
}

/** Body of `PUT _plugins/_security/api/audit/config` (the security plugin's audit settings, replaced whole). */
export interface AuditConfig {
  readonly enabled: boolean;
  readonly audit: Record<string, unknown>;
  readonly compliance: Record<string, unknown>;
}

export interface SecurityMappingProperties {
  readonly Endpoint: string;
  readonly Region: string;
  readonly Roles: SecurityRole[];
  /**
   * JSON of the AuditConfig. A string on purpose: CloudFormation hands custom resources every scalar as a string,
   * and the security plugin rejects `"true"` where it expects `true`.
   */
  readonly Audit?: string;
}

const PHYSICAL_ID = 'opensearch-security-mapping';
const API = '/_plugins/_security/api';

type Send = (method: 'PUT' | 'DELETE', path: string, body?: unknown) => Promise<void>;

function client(props: SecurityMappingProperties): Send {
  const opensearch = new Client({
    node: props.Endpoint,
    ...AwsSigv4Signer({ region: props.Region, service: 'es', getCredentials: () => defaultProvider()() }),
    requestTimeout: 20_000,
    maxRetries: 0,
  });
  return async (method, path, body) => {
    // A domain that CloudFormation just reported as created can still answer 5xx for a short while.
    for (let attempt = 1; ; attempt++) {
      try {
        await opensearch.transport.request({ method, path, body: body as Record<string, unknown> | undefined });
        return;
      } catch (error) {
        const status = (error as { meta?: { statusCode?: number } }).meta?.statusCode;
        if (method === 'DELETE' && status === 404) return;
        const retryable = status === undefined || status >= 500 || status === 429;
        if (!retryable || attempt >= 8) throw new Error(`${method} ${path} failed (${status ?? 'no response'}): ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 2_000 * 2 ** (attempt - 1))));
      }
    }
  };
}

export async function apply(send: Send, roles: SecurityRole[], previous: SecurityRole[] = [], audit?: AuditConfig): Promise<void> {
  for (const role of roles) {
    await send('PUT', `${API}/roles/${encodeURIComponent(role.Name)}`, {
      cluster_permissions: role.ClusterPermissions,
      index_permissions: [{ index_patterns: role.IndexPatterns, allowed_actions: role.AllowedActions }],
    });
    await send('PUT', `${API}/rolesmapping/${encodeURIComponent(role.Name)}`, { backend_roles: role.BackendRoles });
  }
  const kept = new Set(roles.map((role) => role.Name));
  await remove(
    send,
    previous.filter((role) => !kept.has(role.Name)),
  );
  // Audit logs are published to CloudWatch by the domain, but what they contain is the security plugin's setting.
  if (audit) await send('PUT', `${API}/audit/config`, audit);
}

export async function remove(send: Send, roles: SecurityRole[]): Promise<void> {
  for (const role of roles) {
    await send('DELETE', `${API}/rolesmapping/${encodeURIComponent(role.Name)}`);
    await send('DELETE', `${API}/roles/${encodeURIComponent(role.Name)}`);
  }
}

function respond(event: CloudFormationCustomResourceEvent, status: 'SUCCESS' | 'FAILED', reason: string): Promise<void> {
  const body = JSON.stringify({
    Status: status,
    Reason: reason.slice(0, 3000),
    PhysicalResourceId: PHYSICAL_ID,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    NoEcho: false,
    Data: {},
  });
  const url = new URL(event.ResponseURL);
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        hostname: url.hostname,
        path: `${url.pathname}${url.search}`,
        method: 'PUT',
        headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve());
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function run(event: CloudFormationCustomResourceEvent): Promise<void> {
  const props = event.ResourceProperties as unknown as SecurityMappingProperties;
  const send = client(props);
  if (event.RequestType === 'Delete') {
    // Best effort: never block a stack deletion on the search domain's security index.
    await remove(send, props.Roles).catch((error: unknown) => console.warn('cleanup failed', error));
    return;
  }
  const previous = event.RequestType === 'Update' ? (event.OldResourceProperties as unknown as SecurityMappingProperties).Roles : [];
  await apply(send, props.Roles, previous, props.Audit ? (JSON.parse(props.Audit) as AuditConfig) : undefined);
}

export async function handler(event: CloudFormationCustomResourceEvent, context: Context): Promise<void> {
  try {
    // Answer FAILED before Lambda kills us: a custom resource that never answers blocks the stack for an hour.
    const deadline = Math.max(1_000, context.getRemainingTimeInMillis() - 15_000);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      run(event),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out waiting for the OpenSearch security API')), deadline);
      }),
    ]).finally(() => clearTimeout(timer));
    await respond(event, 'SUCCESS', 'ok');
  } catch (error) {
    console.error(error);
    await respond(event, 'FAILED', (error as Error).message);
  }
}
