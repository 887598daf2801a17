/**
 * Builds the whole CDK app: both stacks for one stage, cross-stack props, and the cdk-nag AwsSolutions checks.
 * Used by infra/app.ts (cdk synth/deploy) and by test/infra (same code, same feature flags from cdk.json).
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type CsdlConfig, readConfig } from './config';
import { BackupCopyStack } from './stacks/backup-copy-stack';
import { StatefulStack } from './stacks/stateful-stack';
import { StatelessStack } from './stacks/stateless-stack';
import { FollowStack } from './stacks/follow-stack';
import { WebStack } from './stacks/web-stack';

export interface CsdlApp {
  readonly app: App;
  readonly config: CsdlConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  /** Subscriptions and their notifier (issue 21), kept apart from the stateless stack. */
  readonly follow: FollowStack;
  readonly web: WebStack;
  /** The copy vault in `backup:copyRegion`, when set. */
  readonly backupCopy?: BackupCopyStack;
}

/** `Csdl-Dev-Stateful` for stage `dev`. */
export function stackName(stage: string, part: 'Stateful' | 'Stateless' | 'Follow' | 'Web' | 'BackupCopy'): string {
  return `Csdl-${stage.charAt(0).toUpperCase()}${stage.slice(1)}-${part}`;
}

export function buildCsdlApp(app: App): CsdlApp {
  const config = readConfig(app.node);
  const env = config.account || config.region ? { account: config.account, region: config.region } : undefined;

  const stateful = new StatefulStack(app, stackName(config.stage, 'Stateful'), {
    env,
    config,
    description: `CSDLQG pháp luật (${config.stage}): data — table, originals bucket, search domain, user pool`,
  });
  const backupCopy = config.backupCopyRegion
    ? new BackupCopyStack(app, stackName(config.stage, 'BackupCopy'), {
        env: { account: config.account, region: config.backupCopyRegion },
        stage: config.stage,
        retentionDays: config.backupRetentionDays,
        description: `CSDLQG pháp luật (${config.stage}): locked vault for the cross-region copies of the table's backups`,
      })
    : undefined;
  if (backupCopy) stateful.addStackDependency(backupCopy, 'the backup plan copies every recovery point into its vault');
  const stateless = new StatelessStack(app, stackName(config.stage, 'Stateless'), {
    env,
    config,
    description: `CSDLQG pháp luật (${config.stage}): functions, HTTP API, stream indexing, alarms`,
    stateful: {
      table: stateful.data.table,
      tableIndexNames: stateful.data.indexNames,
      bucket: stateful.originals.bucket,
      domain: stateful.search.domain,
      searchEndpointUrl: stateful.search.endpointUrl,
      userPool: stateful.users.userPool,
      userPoolClient: stateful.users.client,
      apiAccessLogs: stateful.apiAccessLogs,
    },
  });
  stateless.addStackDependency(stateful, 'functions, API and alarms use the table, bucket, domain and user pool');
  const follow = new FollowStack(app, stackName(config.stage, 'Follow'), {
    env,
    config,
    description: `CSDLQG pháp luật (${config.stage}): subscriptions, webhooks and their notifier`,
    stateful: stateless.stateful,
    httpApi: stateless.httpApi,
    alarmTopic: stateless.alarms.topic,
  });
  follow.addStackDependency(stateless, 'its routes join the HTTP API; its alarms go to the alarm topic');
  const web = new WebStack(app, stackName(config.stage, 'Web'), {
    // With a front door the web stack holds the CloudFront web ACL and certificate, which live in us-east-1; it then
    // names the API by its custom domain (a string from the configuration), so no reference crosses regions.
    env: config.edge ? { account: config.account, region: 'us-east-1' } : env,
    stage: config.stage,
    ...(config.edge ? { edge: config.edge } : {}),
    description: `CSDLQG pháp luật (${config.stage}): web UI on CloudFront, the API behind the same domain`,
    apiUrl: stateless.httpApi.url,
  });
  web.addStackDependency(stateless, 'CloudFront forwards /v1/* to the HTTP API');

  // cdk-nag 3 is a validation plugin (not an Aspect): it runs on app.synth(), after the templates are written.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

  return { app, config, stateful, stateless, follow, web, backupCopy };
}

export function createCsdlApp(props?: AppProps): CsdlApp {
  return buildCsdlApp(new App(props));
}
