/**
 * Who may write: a Cognito user pool of staff accounts (no self sign-up), one group per non-public access level of
 * schemas/routes.ts, and the app client whose tokens the HTTP API's JWT authorizer accepts. Handlers read
 * `cognito:groups` from the validated token and decide per route.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccountRecovery, FeaturePlan, Mfa, StandardThreatProtectionMode, UserPool, type UserPoolClient, UserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { Access } from '../../schemas/routes';

/**
 * One Cognito group per access level that needs a role; the compiler keeps it in step with `Access` (`identified`
 * needs an account and no group).
 */
export const USER_GROUPS = ['editor', 'reviewer', 'drafter', 'appraiser', 'commenter'] as const satisfies readonly Exclude<Access, 'public' | 'identified'>[];
type AssertAllGroups<T extends readonly string[]> = Exclude<Exclude<Access, 'public' | 'identified'>, T[number]> extends never ? true : never;
const allGroupsListed: AssertAllGroups<typeof USER_GROUPS> = true;
void allGroupsListed;

export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Editors change the law of record: a second factor is not optional. TOTP only (no SMS costs or SIM swaps).
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus plan: threat protection (compromised credentials, adaptive authentication) enforced. The pool holds a
      // few hundred staff accounts at most, so the per-user price is small.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const groupName of USER_GROUPS) {
      new UserPoolGroup(this, `Group-${groupName}`, {
        userPool: this.userPool,
        groupName,
        description: `Members may call the routes whose access is "${groupName}" (schemas/routes.ts)`,
      });
    }

    this.client = this.userPool.addClient('ApiClient', {
      // SRP for the web UI and the CLI; admin (IAM-signed) password auth for operators and e2e checks. MFA applies to both.
      authFlows: { userSrp: true, adminUserPassword: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
    });
  }
}
