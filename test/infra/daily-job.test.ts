/** The seam for the daily status sweep: a schedule at 00:05 Asia/Ho_Chi_Minh, with retries and a DLQ. */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DailyJob } from '../../infra/constructs/daily-job';
import { logicalId } from './synth';

test('runs the function daily at 00:05 ICT (17:05 UTC)', () => {
  const app = new App();
  const stack = new Stack(app, 'Probe');
  const fn = new LambdaFunction(stack, 'Sweep', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler=async()=>{}'),
  });
  const job = new DailyJob(stack, 'Daily', { fn, description: 'status sweep' });

  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::Scheduler::Schedule', {
    ScheduleExpression: 'cron(5 0 * * ? *)',
    ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
    State: 'ENABLED',
    Target: {
      Arn: { 'Fn::GetAtt': [logicalId(fn), 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 6 * 3600 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(job.deadLetterQueue), 'Arn'] } },
    },
  });

  const scheduleFindings = new AwsSolutionsChecks(app).validateScope(job).violations.map((v) => v.ruleName);
  expect(scheduleFindings).toEqual([]);
});
