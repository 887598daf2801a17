/**
 * The locked vault that receives the copies of the table's recovery points, in another region
 * (`-c backup:copyRegion=…`, required for stage prod). Only exists when a copy region is set. Deployed before the
 * stateful stack, whose backup plan names this vault by ARN (same account, fixed name: no cross-stack reference).
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { BackupVault } from 'aws-cdk-lib/aws-backup';
import type { Construct } from 'constructs';
import { copyVaultName, lockedVault } from '../constructs/table-backup';

export interface BackupCopyStackProps extends StackProps {
  readonly stage: string;
  readonly retentionDays: number;
}

export class BackupCopyStack extends Stack {
  readonly vault: BackupVault;

  constructor(scope: Construct, id: string, props: BackupCopyStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    this.vault = lockedVault(this, 'Vault', copyVaultName(props.stage), props.retentionDays);
  }
}
