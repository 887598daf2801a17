/**
 * The single DynamoDB table (works, units, versions, effects, relations). Keys and GSIs come from
 * adapters/dynamodb/table-design.ts so the adapter, the DynamoDB Local harness and this table cannot drift apart.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { GLOBAL_SECONDARY_INDEXES, TABLE_KEYS } from '../../adapters/dynamodb/table-design';

export class DataTable extends Construct {
  readonly table: Table;
  /** GSI names, for IAM statements that name each index instead of `index/*`. */
  readonly indexNames: readonly string[] = GLOBAL_SECONDARY_INDEXES.map((gsi) => gsi.indexName);

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The indexer (and later the effects applier) consume changes from the stream.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      // AWS-managed KMS key (aws/dynamodb): encrypted with KMS and logged in CloudTrail, without a key policy to run
      // or kms grants on every function role. The data is public law; a customer key would add cost, not secrecy.
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of GLOBAL_SECONDARY_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }

  /** ARNs of the table and each of its GSIs (no `index/*` wildcard). */
  get arnsWithIndexes(): string[] {
    return [this.table.tableArn, ...this.indexNames.map((name) => `${this.table.tableArn}/index/${name}`)];
  }
}
