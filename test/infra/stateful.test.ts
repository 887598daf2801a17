/** The stateful stack: what must hold for the data to be safe. Bundling is irrelevant here, so it is skipped. */
import { Match } from 'aws-cdk-lib/assertions';
import { GLOBAL_SECONDARY_INDEXES, TABLE_KEYS } from '../../adapters/dynamodb/table-design';
import { USER_GROUPS } from '../../infra/constructs/user-directory';
import { logicalId, type Synthesized, synthCsdl } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synthCsdl({ 'csdl:skipBundling': true });
}, 120_000);

describe('stack', () => {
  test('has termination protection', () => {
    expect(s.assembly.getStackArtifact(s.stateful.artifactId).terminationProtection).toBe(true);
  });

  test('retains every data-holding resource', () => {
    for (const type of ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::OpenSearchService::Domain', 'AWS::Cognito::UserPool']) {
      const resources = s.statefulTemplate.findResources(type);
      expect(Object.keys(resources).length).toBeGreaterThan(0);
      for (const resource of Object.values(resources)) {
        expect(resource.DeletionPolicy).toBe('Retain');
        expect(resource.UpdateReplacePolicy).toBe('Retain');
      }
    }
  });

  test('its only Lambda is the OpenSearch security mapping custom resource (no CDK provider framework)', () => {
    s.statefulTemplate.resourceCountIs('AWS::Lambda::Function', 1);
    const custom = Object.values(s.statefulTemplate.toJSON().Resources as Record<string, { Type: string }>)
      .map((r) => r.Type)
      .filter((type) => type.startsWith('Custom::'));
    expect(custom).toEqual(['Custom::OpenSearchSecurityMapping']);
  });
});

describe('table', () => {
  test('keys, on-demand, PITR, stream, encryption, deletion protection', () => {
    s.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  test('has exactly the GSIs of adapters/dynamodb/table-design.ts, projecting ALL', () => {
    const table = Object.values(s.statefulTemplate.findResources('AWS::DynamoDB::Table'))[0];
    const gsis = table?.Properties.GlobalSecondaryIndexes as unknown[];
    expect(gsis).toEqual(
      GLOBAL_SECONDARY_INDEXES.map((gsi) => ({
        IndexName: gsi.indexName,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });
});

describe('originals bucket', () => {
  const originalsId = () => logicalId(s.stateful.originals.bucket);
  const logsId = () => logicalId(s.stateful.originals.accessLogs);

  test('versioned, encrypted, all public access blocked, access logs to the log bucket', () => {
    const bucket = s.statefulTemplate.toJSON().Resources[originalsId()];
    expect(bucket.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { DestinationBucketName: { Ref: logsId() } },
    });
    expect(bucket.Properties.LifecycleConfiguration.Rules[0]).toMatchObject({
      Status: 'Enabled',
      NoncurrentVersionExpiration: { NoncurrentDays: expect.any(Number) },
    });
  });

  test('bucket policies deny every request without TLS', () => {
    for (const id of [originalsId(), logsId()]) {
      s.statefulTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    }
  });
});

describe('search domain', () => {
  test('OpenSearch 2.19, encrypted at rest and between nodes, HTTPS with TLS 1.2+, fine-grained access control', () => {
    s.statefulTemplate.hasResourceProperties('AWS::OpenSearchService::Domain', {
      EngineVersion: 'OpenSearch_2.19',
      EncryptionAtRestOptions: { Enabled: true },
      NodeToNodeEncryptionOptions: { Enabled: true },
      DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: Match.stringLikeRegexp('^Policy-Min-TLS-1-2') },
      AdvancedSecurityOptions: {
        Enabled: true,
        InternalUserDatabaseEnabled: false,
        MasterUserOptions: { MasterUserARN: { 'Fn::GetAtt': [logicalId(s.stateful.search.adminRole), 'Arn'] } },
      },
      ClusterConfig: Match.objectLike({ ZoneAwarenessEnabled: false, InstanceCount: 1, DedicatedMasterEnabled: false }),
      VPCOptions: Match.absent(),
    });
  });

  test('publishes slow, application and audit logs', () => {
    const domain = Object.values(s.statefulTemplate.findResources('AWS::OpenSearchService::Domain'))[0];
    expect(Object.keys(domain?.Properties.LogPublishingOptions).sort()).toEqual(['AUDIT_LOGS', 'ES_APPLICATION_LOGS', 'INDEX_SLOW_LOGS', 'SEARCH_SLOW_LOGS']);
    s.statefulTemplate.resourceCountIs('AWS::Logs::ResourcePolicy', 1);
  });

  test('domain policy trusts only this account, never an anonymous principal', () => {
    const domain = Object.values(s.statefulTemplate.findResources('AWS::OpenSearchService::Domain'))[0];
    const statements = domain?.Properties.AccessPolicies.Statement as { Principal: unknown }[];
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(JSON.stringify(statement.Principal)).not.toContain('*');
      expect(JSON.stringify(statement.Principal)).toContain(':root');
    }
  });
});

describe('search access mapping', () => {
  test('maps the search role to a reader and the indexer role to a writer, by role name, on the index prefix', () => {
    const [mapping] = Object.values(s.statefulTemplate.findResources('Custom::OpenSearchSecurityMapping'));
    const roles = mapping?.Properties.Roles as { Name: string; IndexPatterns: string[]; AllowedActions: string[]; BackendRoles: unknown[] }[];
    expect(roles.map((r) => [r.Name, r.IndexPatterns, r.AllowedActions])).toEqual([
      ['csdl_reader', ['csdl*'], ['read']],
      ['csdl_writer', ['csdl*'], ['indices_all']],
    ]);
    // Every function with search access, and no other: the four search readers (search, suggest, answer, and the
    // documents list, which browses through the index), the indexer, the status sweep and the codification import
    // worker (it indexes the codified articles it imports); the notifier, which matches sectors and saved searches
    // through the index's filters, and the MCP tools (search, answer): readers.
    expect(JSON.stringify(roles[0]?.BackendRoles)).toContain(':role/csdl-dev-search"');
    expect(JSON.stringify(roles[0]?.BackendRoles)).toContain(':role/csdl-dev-search-suggest"');
    expect(JSON.stringify(roles[0]?.BackendRoles)).toContain(':role/csdl-dev-answer"');
    expect(JSON.stringify(roles[0]?.BackendRoles)).toContain(':role/csdl-dev-documents-list"');
    expect(JSON.stringify(roles[0]?.BackendRoles)).toContain(':role/csdl-dev-notifier"');
    expect(JSON.stringify(roles[0]?.BackendRoles)).toContain(':role/csdl-dev-mcp"');
    expect(JSON.stringify(roles[1]?.BackendRoles)).toContain(':role/csdl-dev-indexer"');
    expect(JSON.stringify(roles[1]?.BackendRoles)).toContain(':role/csdl-dev-status-sweep"');
    expect(JSON.stringify(roles[1]?.BackendRoles)).toContain(':role/csdl-dev-codification-import-worker"');
    expect(roles.flatMap((r) => r.BackendRoles)).toHaveLength(9);
  });

  test('the custom resource runs as the master user, which Lambda may assume, not the whole account (operators: opensearch:adminPrincipals)', () => {
    const adminRole = logicalId(s.stateful.search.adminRole);
    s.statefulTemplate.hasResourceProperties('AWS::Lambda::Function', { Role: { 'Fn::GetAtt': [adminRole, 'Arn'] } });
    const trust = JSON.stringify(s.statefulTemplate.toJSON().Resources[adminRole].Properties.AssumeRolePolicyDocument);
    expect(trust).toContain('lambda.amazonaws.com');
    expect(trust).not.toContain(':root');
  });
});

describe('user pool', () => {
  test('no self sign-up, MFA required, strong passwords, threat protection', () => {
    s.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
      UserPoolTier: 'PLUS',
      DeletionProtection: 'ACTIVE',
    });
  });

  test('has one group per non-public access level', () => {
    expect([...USER_GROUPS].sort()).toEqual(['appraiser', 'commenter', 'drafter', 'editor', 'reviewer']);
    for (const groupName of USER_GROUPS) {
      s.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: groupName });
    }
  });

  test('app client is public (no secret) and uses SRP', () => {
    s.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
    });
  });
});
