/**
 * Everything that holds data and must outlive a bad deploy: table, originals bucket, search domain, user pool.
 * Termination protection on, every resource RETAIN. The stateless stack receives these as props.
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { CsdlConfig } from '../config';
import { DataTable } from '../constructs/data-table';
import { OriginalsBucket } from '../constructs/originals-bucket';
import { SearchAccessMapping } from '../constructs/search-access-mapping';
import { SearchDomain } from '../constructs/search-domain';
import { TableBackup } from '../constructs/table-backup';
import { UserDirectory } from '../constructs/user-directory';
import { type CsdlFunctionName, FUNCTION_SPECS } from '../function-specs';
import { functionRoleArn } from '../naming';

export interface StatefulStackProps extends StackProps {
  readonly config: CsdlConfig;
}

export class StatefulStack extends Stack {
  readonly data: DataTable;
  readonly originals: OriginalsBucket;
  readonly search: SearchDomain;
  readonly users: UserDirectory;
  readonly searchAccess: SearchAccessMapping;
  /** Access log of the HTTP API (stateless stack): here, RETAIN, so a stateless redeploy never deletes the audit trail. */
  readonly apiAccessLogs: LogGroup;
  readonly backup: TableBackup;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    const { config } = props;

    this.data = new DataTable(this, 'Data');
    this.backup = new TableBackup(this, 'Backup', {
      stage: config.stage,
      table: this.data.table,
      retentionDays: config.backupRetentionDays,
      copyRegion: config.backupCopyRegion,
    });
    this.originals = new OriginalsBucket(this, 'Originals', { objectLock: config.originalsObjectLock });
    this.search = new SearchDomain(this, 'Search', { stage: config.stage, config: config.search, logRetention: config.logRetention });
    this.users = new UserDirectory(this, 'Users');
    this.apiAccessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: config.logRetention, removalPolicy: RemovalPolicy.RETAIN });

    // Function roles are named (infra/naming.ts), so they can be mapped here, before the stateless stack exists.
    const roleArnsWith = (level: 'read' | 'write') =>
      (Object.keys(FUNCTION_SPECS) as CsdlFunctionName[])
        .filter((name) => FUNCTION_SPECS[name].search === level)
        .map((name) => functionRoleArn(this, config.stage, name));
    this.searchAccess = new SearchAccessMapping(this, 'SearchAccess', {
      domain: this.search.domain,
      masterRole: this.search.adminRole,
      indexPrefix: config.indexPrefix,
      readers: roleArnsWith('read'),
      writers: roleArnsWith('write'),
      logRetention: config.logRetention,
      skipBundling: config.skipBundling,
    });

    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'BucketName', { value: this.originals.bucket.bucketName });
    new CfnOutput(this, 'OpenSearchEndpoint', { value: this.search.endpointUrl });
    new CfnOutput(this, 'OpenSearchAdminRoleArn', { value: this.search.adminRole.roleArn });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.client.userPoolClientId });
  }
}
