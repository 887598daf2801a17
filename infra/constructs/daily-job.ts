/**
 * Runs a function on a schedule, by default every day at 00:05 Asia/Ho_Chi_Minh (17:05 UTC; Vietnam has no daylight
 * saving), the moment a day's effective dates and expiries have passed. EventBridge Scheduler takes the IANA time zone
 * itself. Used through `schedule` in infra/function-specs.ts: `daily-00:05-ICT` (the status sweep), `every-minute`
 * (the notifier of subscriptions, infra/stacks/follow-stack.ts).
 */
import { ArnFormat, Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { acknowledge, acknowledgeWildcardResources } from '../nag';

export interface DailyJobProps {
  readonly fn: IFunction;
  readonly description: string;
  /** Default: daily at 00:05 Asia/Ho_Chi_Minh. The notifier runs every minute (EVERY_MINUTE). */
  readonly schedule?: ScheduleExpression;
  /** Lambda's async retries of a failed run (default 2); 0 where the next scheduled run resumes the work anyway. */
  readonly retryAttempts?: number;
  /**
   * How long an invocation may wait (throttled behind a run still going) before it is dropped (default 6 h). A job
   * every minute keeps this short: a skipped minute is made up by the next, a queue of them is not.
   */
  readonly maxEventAge?: Duration;
}

export const DAILY_AT_0005_ICT = ScheduleExpression.cron({ minute: '5', hour: '0', timeZone: TimeZone.ASIA_HO_CHI_MINH });
export const EVERY_MINUTE = ScheduleExpression.rate(Duration.minutes(1));

export class DailyJob extends Construct {
  readonly schedule: Schedule;
  /** Invocations EventBridge Scheduler could not deliver to Lambda. */
  readonly deadLetterQueue: Queue;
  /**
   * Runs that were delivered but failed: the function threw (or timed out) on its first try and on Lambda's async
   * retries. Without it Lambda drops the event after the retries and the day's sweep is silently lost.
   */
  readonly failureQueue: Queue;

  constructor(scope: Construct, id: string, props: DailyJobProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the schedule target (invocations EventBridge Scheduler could not deliver).',
    );
    this.failureQueue = new Queue(this, 'FailureQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.failureQueue,
      'AwsSolutions-SQS3',
      'This queue is itself a dead-letter destination: the on-failure destination of the scheduled function (runs that failed after the async retries).',
    );
    // Scheduler invokes asynchronously: Lambda retries a failed run twice, then sends the event and the error here.
    props.fn.configureAsyncInvoke({
      retryAttempts: props.retryAttempts ?? 2,
      maxEventAge: props.maxEventAge ?? Duration.hours(6),
      onFailure: new SqsDestination(this.failureQueue),
    });

    // The schedule's own role (not the stack-wide one the target would create), so its grant is acknowledged here.
    // Named schedule, so the role trusts EventBridge Scheduler only on behalf of this schedule of this account
    // (confused-deputy conditions) without the role referring to the schedule that refers to it.
    const stack = Stack.of(this);
    const scheduleName = `${stack.stackName}-${id}`;
    const scheduleArn = stack.formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `default/${scheduleName}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const role = new Role(this, 'InvokeRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account }, ArnEquals: { 'aws:SourceArn': scheduleArn } },
      }),
    });
    this.schedule = new Schedule(this, 'Schedule', {
      scheduleName,
      schedule: props.schedule ?? DAILY_AT_0005_ICT,
      description: props.description,
      target: new LambdaInvoke(props.fn, { role, retryAttempts: 3, maxEventAge: Duration.hours(6), deadLetterQueue: this.deadLetterQueue }),
    });
    acknowledgeWildcardResources(
      role,
      [`${props.fn.functionArn}:*`],
      'lambda:InvokeFunction on this one function and its versions/aliases (`<arn>:*`), as the Scheduler target grants it; no other function.',
    );
  }
}
