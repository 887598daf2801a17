/**
 * Issue #22, operations points: who called the API and how long that is kept, the OpenSearch audit configuration,
 * the status sweep's failed runs, the lint function's reserved concurrency, and backups (AWS Backup plan with a locked
 * vault and a cross-region copy; Object Lock on the originals). Placeholder code (`csdl:skipBundling`).
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { readConfig } from '../../infra/config';
import { auditConfig } from '../../infra/constructs/search-access-mapping';
import { apply } from '../../infra/custom-resources/opensearch-security/handler';
import { BACKGROUND_FUNCTIONS, FUNCTIONS } from '../../schemas/routes';
import type { CsdlFunctionName } from '../../infra/function-specs';
import { logicalId, type Synthesized, synthCsdl } from './synth';

const ALL: CsdlFunctionName[] = [...FUNCTIONS, ...BACKGROUND_FUNCTIONS];

let s: Synthesized;
let withCopy: Synthesized;
beforeAll(() => {
  s = synthCsdl({ 'csdl:skipBundling': true });
  withCopy = synthCsdl({ 'csdl:skipBundling': true, 'backup:copyRegion': 'ap-southeast-2' });
}, 240_000);

const resourcesOf = (synth: Synthesized, type: string) => Object.values(synth.statefulTemplate.findResources(type));
/** The one rule of the one backup plan of the stateful stack. */
function backupRule(synth: Synthesized) {
  const plans = resourcesOf(synth, 'AWS::Backup::BackupPlan');
  expect(plans).toHaveLength(1);
  const rules = plans[0]?.Properties.BackupPlan.BackupPlanRule ?? [];
  expect(rules).toHaveLength(1);
  return rules[0];
}

describe('audit', () => {
  test('the HTTP API access log records the caller (JWT subject)', () => {
    const stage = Object.values(s.functionsTemplate.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const format = JSON.parse(stage?.Properties.AccessLogSettings.Format);
    expect(format.caller).toBe('$context.authorizer.claims.sub');
  });

  test('the access log group lives in the stateful stack, kept one year, RETAIN', () => {
    const group = s.stateful.apiAccessLogs;
    const resource = s.statefulTemplate.toJSON().Resources[logicalId(group)];
    expect(resource).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { RetentionInDays: 365 } });
    expect(JSON.stringify(Object.values(s.functionsTemplate.findResources('AWS::ApiGatewayV2::Stage'))[0]?.Properties.AccessLogSettings)).toContain(
      logicalId(group),
    );
    s.functionsTemplate.resourcePropertiesCountIs('AWS::Logs::LogGroup', Match.anyValue(), ALL.length);
  });

  test('the access-log buckets (originals, front door) are versioned: a deleted record stays 30 days (checkov CKV_AWS_21)', () => {
    const web = Template.fromStack(s.web);
    for (const [t, bucket] of [
      [s.statefulTemplate, s.stateful.originals.accessLogs],
      [web, s.web.logs],
    ] as const) {
      const r = t.toJSON().Resources[logicalId(bucket)];
      expect(r.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(r.Properties.LifecycleConfiguration.Rules).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ ExpirationInDays: 365, NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
          expect.objectContaining({ ExpiredObjectDeleteMarker: true }),
        ]),
      );
    }
  });

  test('function log groups are kept one year and survive a stateless redeploy', () => {
    for (const name of ALL) {
      const group = s.functionsTemplate.toJSON().Resources[logicalId(s.fn(name).logGroup)];
      expect(group).toMatchObject({ DeletionPolicy: 'Retain', Properties: { RetentionInDays: 365 } });
    }
  });

  test('retention is one year by default and never less for prod', () => {
    expect(readConfig(new App({ context: {} }).node).logRetention).toBe(RetentionDays.ONE_YEAR);
    expect(() => readConfig(new App({ context: { stage: 'prod', logRetentionDays: '30', 'backup:copyRegion': 'ap-southeast-2' } }).node)).toThrow(
      /at least 365/,
    );
  });

  test('the security mapping custom resource configures OpenSearch audit logging (REST + transport, no health checks)', () => {
    const [mapping] = resourcesOf(s, 'Custom::OpenSearchSecurityMapping');
    const audit = JSON.parse(mapping?.Properties.Audit);
    expect(audit).toEqual(auditConfig());
    expect(audit).toMatchObject({
      enabled: true,
      audit: { enable_rest: true, enable_transport: true, exclude_sensitive_headers: true },
      compliance: { enabled: true, internal_config: true },
    });
    expect(audit.audit.ignore_requests).toEqual(expect.arrayContaining(['cluster:monitor/health', '/_cluster/health*']));
  });

  test('the handler PUTs the audit config after the role mappings', async () => {
    const calls: string[] = [];
    await apply(async (method, path) => void calls.push(`${method} ${path}`), [], [], auditConfig());
    expect(calls).toEqual(['PUT /_plugins/_security/api/audit/config']);
  });
});

describe('status sweep', () => {
  test('a run that failed after Lambda async retries lands in an encrypted 14-day queue, which pages', () => {
    const fn = s.fn('status-sweep').fn;
    const job = s.stateless.dailyJobs['status-sweep'];
    expect(job).toBeDefined();
    const queue = job?.failureQueue;
    if (!queue) throw new Error('no failure queue');
    s.functionsTemplate.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(fn) },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(queue), 'Arn'] } } },
    });
    expect(s.functionsTemplate.toJSON().Resources[logicalId(queue)].Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    for (const q of [queue, job.deadLetterQueue]) {
      s.functionsTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(q), 'QueueName'] } }],
      });
    }
  });
});

describe('lint', () => {
  test('has a small reserved concurrency; no other function reserves any but the notifier (one run at a time)', () => {
    for (const name of ALL) {
      const fn = s.functionsTemplate.toJSON().Resources[logicalId(s.fn(name).fn)];
      expect(fn.Properties.ReservedConcurrentExecutions).toBe(name === 'lint' ? 5 : name === 'notifier' ? 1 : undefined);
    }
  });
});

describe('backups', () => {
  test('a daily AWS Backup plan of the table into a locked vault', () => {
    const table = logicalId(s.stateful.data.table);
    const vaults = resourcesOf(s, 'AWS::Backup::BackupVault');
    expect(vaults).toHaveLength(1);
    expect(vaults[0]).toMatchObject({ DeletionPolicy: 'Retain', Properties: { LockConfiguration: { MinRetentionDays: 35 } } });
    const rule = backupRule(s);
    expect(rule).toMatchObject({ Lifecycle: { DeleteAfterDays: 35 }, ScheduleExpression: expect.stringMatching(/^cron\(/) });
    expect(rule.CopyActions).toBeUndefined();
    s.statefulTemplate.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({ Resources: [{ 'Fn::GetAtt': [table, 'Arn'] }] }),
    });
  });

  test('with backup:copyRegion, every recovery point is copied to a locked vault in that region', () => {
    const rule = backupRule(withCopy);
    expect(rule.CopyActions).toHaveLength(1);
    const destination = JSON.stringify(rule.CopyActions[0].DestinationBackupVaultArn);
    expect(destination).toContain(':backup:ap-southeast-2:');
    expect(destination).toContain('backup-vault:csdl-dev-copy');
    expect(rule.CopyActions[0].Lifecycle).toEqual({ DeleteAfterDays: 35 });
    const copy = withCopy.backupCopy;
    expect(copy?.region).toBe('ap-southeast-2');
    expect(withCopy.assembly.getStackArtifact(withCopy.stateful.artifactId).dependencies.map((d) => d.id)).toContain(copy?.artifactId);
    const vault = Object.values(
      withCopy.assembly.getStackArtifact(copy?.artifactId ?? '').template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>,
    ).find((r) => r.Type === 'AWS::Backup::BackupVault');
    expect(vault?.Properties).toMatchObject({ BackupVaultName: 'csdl-dev-copy', LockConfiguration: { MinRetentionDays: 35 } });
    expect(s.backupCopy).toBeUndefined();
  });

  test('prod needs backup:copyRegion, and it must differ from the region', () => {
    expect(() => readConfig(new App({ context: { stage: 'prod' } }).node)).toThrow(/backup:copyRegion/);
    expect(() => readConfig(new App({ context: { region: 'ap-southeast-1', 'backup:copyRegion': 'ap-southeast-1' } }).node)).toThrow(/differ/);
  });

  test('the originals bucket has Object Lock with a default governance retention', () => {
    const bucket = s.statefulTemplate.toJSON().Resources[logicalId(s.stateful.originals.bucket)];
    expect(bucket.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } },
    });
  });

  test('originals:objectLockDays=0 leaves Object Lock off (existing buckets, see infra/README.md)', () => {
    expect(readConfig(new App({ context: { 'originals:objectLockDays': '0' } }).node).originalsObjectLock).toBeUndefined();
    expect(readConfig(new App({ context: { 'originals:objectLockMode': 'compliance' } }).node).originalsObjectLock).toEqual({
      mode: 'compliance',
      days: 365,
    });
  });
});
