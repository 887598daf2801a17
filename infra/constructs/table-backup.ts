/**
 * AWS Backup of the table: a daily recovery point in a locked vault of this region and, when a copy region is
 * configured (required for stage prod), a copy in a locked vault there (BackupCopyStack). PITR (35 days, on the table
 * itself) covers "undo the last hours"; these cover "the table, the account's admin or the region is gone".
 * The OpenSearch domain needs no plan: Amazon OpenSearch Service takes automated hourly snapshots itself, and the
 * index can always be rebuilt from the table.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export interface TableBackupProps {
  readonly stage: string;
  readonly table: ITable;
  /** Days each recovery point (and its copy) is kept; also the vaults' lock minimum. */
  readonly retentionDays: number;
  /** Region of the copy vault (BackupCopyStack); unset = no copy. */
  readonly copyRegion?: string;
}

/** Name of the vault the copies go to, in the copy region (created by BackupCopyStack). */
export const copyVaultName = (stage: string) => `csdl-${stage}-copy`;

/**
 * A vault under AWS Backup Vault Lock in governance mode: no recovery point can be deleted, nor its retention
 * shortened below `minRetention`, except by a principal allowed to remove the lock itself. (Compliance mode, which
 * nobody can undo, is `changeableFor`: a deliberate, irreversible step for the operators, see infra/README.md.)
 */
export function lockedVault(scope: Construct, id: string, name: string, retentionDays: number): BackupVault {
  return new BackupVault(scope, id, {
    backupVaultName: name,
    lockConfiguration: { minRetention: Duration.days(retentionDays) },
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

export class TableBackup extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, props: TableBackupProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const deleteAfter = Duration.days(props.retentionDays);
    this.vault = lockedVault(this, 'Vault', `csdl-${props.stage}`, props.retentionDays);
    this.plan = new BackupPlan(this, 'Plan', { backupPlanName: `csdl-${props.stage}`, backupVault: this.vault });
    const copyTo = props.copyRegion
      ? BackupVault.fromBackupVaultArn(
          this,
          'CopyVault',
          stack.formatArn({
            service: 'backup',
            region: props.copyRegion,
            resource: 'backup-vault',
            resourceName: copyVaultName(props.stage),
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        )
      : undefined;
    this.plan.addRule(
      new BackupPlanRule({
        ruleName: 'daily',
        // 18:00 UTC = 01:00 Asia/Ho_Chi_Minh, after the 00:05 status sweep.
        scheduleExpression: Schedule.cron({ minute: '0', hour: '18' }),
        startWindow: Duration.hours(1),
        completionWindow: Duration.hours(4),
        deleteAfter,
        copyActions: copyTo ? [{ destinationBackupVault: copyTo, deleteAfter }] : undefined,
      }),
    );
    const selection = this.plan.addSelection('Table', { resources: [BackupResource.fromDynamoDbTable(props.table)] });
    acknowledge(
      selection,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'The role AWS Backup assumes to back up the table uses the AWS managed service-role policy AWS Backup documents for it; the selection limits it to this one table.',
    );
  }
}
