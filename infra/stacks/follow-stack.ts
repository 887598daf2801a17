/**
 * Following the law (issue 21, docs/adr/0022): the subscription functions, the notifier and the MCP endpoint for
 * assistants (POST /mcp), in a stack of their own
 * so the stateless stack stays under CloudFormation's 500 resources. Their routes are added to the stateless stack's
 * HTTP API (with its JWT authorizer), their error alarms go to its alarm topic. Like the stateless stack, it holds
 * code and wiring only: destroyed and redeployed at will.
 */
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { type Alarm, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { BACKGROUND_FUNCTIONS, FUNCTIONS, ROUTES } from '../../schemas/routes';
import type { CsdlConfig } from '../config';
import { alarmsTo } from '../constructs/alarms';
import type { CsdlFunction } from '../constructs/csdl-function';
import { DailyJob, EVERY_MINUTE } from '../constructs/daily-job';
import type { CsdlHttpApi } from '../constructs/http-api';
import { type CsdlFunctionName, FUNCTION_SPECS } from '../function-specs';
import { buildFunction, functionEnvironment, type StatefulResources } from './stateless-stack';

export interface FollowStackProps extends StackProps {
  readonly config: CsdlConfig;
  readonly stateful: StatefulResources;
  /** The stateless stack's HTTP API: this stack's routes are added to it. */
  readonly httpApi: CsdlHttpApi;
  /** The stateless stack's alarm topic. */
  readonly alarmTopic: ITopic;
}

export class FollowStack extends Stack {
  readonly functions: Partial<Record<CsdlFunctionName, CsdlFunction>> = {};
  readonly jobs: Partial<Record<CsdlFunctionName, DailyJob>> = {};
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: FollowStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    const environment = functionEnvironment(config, stateful);
    const names = [...FUNCTIONS, ...BACKGROUND_FUNCTIONS].filter((name) => FUNCTION_SPECS[name].stack === 'follow');
    for (const name of names) {
      const spec = FUNCTION_SPECS[name];
      const fn = buildFunction(this, name, config, stateful, environment);
      this.functions[name] = fn;
      if (spec.schedule === 'daily-00:05-ICT') this.jobs[name] = new DailyJob(this, `Daily-${name}`, { fn: fn.fn, description: spec.description });
      // Every minute; a failed run is not retried, the next minute's resumes from its cursor.
      if (spec.schedule === 'every-minute')
        this.jobs[name] = new DailyJob(this, `Every-${name}`, {
          fn: fn.fn,
          description: spec.description,
          schedule: EVERY_MINUTE,
          retryAttempts: 0,
          maxEventAge: Duration.minutes(2),
        });
    }
    for (const def of ROUTES) {
      const fn = this.functions[def.fn];
      if (FUNCTION_SPECS[def.fn].stack === 'follow' && fn) props.httpApi.addRoute(this, def, fn.fn);
    }

    const alarm = alarmsTo(this, props.alarmTopic, this.alarms);
    for (const [name, fn] of Object.entries(this.functions))
      alarm(
        `Errors-${name}`,
        fn.fn.metricErrors({ period: Duration.minutes(5), statistic: Stats.SUM }),
        1,
        `${name} threw (unhandled errors; handled ones are problem+json responses, not Lambda errors).`,
      );
    for (const [name, job] of Object.entries(this.jobs)) {
      alarm(
        `DeadLetterQueueNotEmpty-${name}-undelivered`,
        job.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: Stats.MAXIMUM }),
        1,
        `${name}: EventBridge Scheduler could not invoke the function: scheduled runs did not happen.`,
      );
      alarm(
        `DeadLetterQueueNotEmpty-${name}-failed`,
        job.failureQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: Stats.MAXIMUM }),
        1,
        `${name}: a run failed (event and error in the queue); the next run resumes from its cursor, but the cause needs a look.`,
      );
    }
  }
}
