/**
 * Alarms that page someone: anything in the DLQ, any unhandled Lambda error, the indexer falling behind the stream,
 * and API 5xx. All go to one SNS topic, encrypted with its own KMS key (CloudWatch can only publish to an encrypted
 * topic through a customer managed key whose policy lets it).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationalAlarmsProps {
  readonly stage: string;
  readonly functions: Record<string, IFunction>;
  readonly deadLetterQueue: IQueue;
  /** More dead-letter queues, by name, with what a message there means: any message in one pages too. */
  readonly otherDeadLetterQueues?: Record<string, { readonly queue: IQueue; readonly meaning: string }>;
  /** Function consuming the table stream, for the iterator-age alarm. */
  readonly streamConsumer: IFunction;
  readonly api: HttpApi;
  readonly email?: string;
}

export class OperationalAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);

    const key = new Key(this, 'TopicKey', {
      description: `csdl-${props.stage} alarm topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.topic = new Topic(this, 'Topic', { displayName: `csdl-${props.stage} alarms`, masterKey: key, enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));

    const alarm = alarmsTo(this, this.topic, this.alarms);

    alarm(
      'DeadLetterQueueNotEmpty',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: Stats.MAXIMUM }),
      1,
      'Stream records the indexer gave up on are waiting in the DLQ: search is missing changes until they are replayed.',
    );
    for (const [name, { queue, meaning }] of Object.entries(props.otherDeadLetterQueues ?? {})) {
      alarm(
        `DeadLetterQueueNotEmpty-${name}`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: Stats.MAXIMUM }),
        1,
        `${name}: ${meaning}`,
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `Errors-${name}`,
        fn.metricErrors({ period: Duration.minutes(5), statistic: Stats.SUM }),
        1,
        `${name} threw (unhandled errors; handled ones are problem+json responses, not Lambda errors).`,
      );
    }
    alarm(
      'IndexerIteratorAge',
      props.streamConsumer.metric('IteratorAge', { period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
      Duration.minutes(15).toMilliseconds(),
      'The indexer is more than 15 minutes behind the table stream (records expire after 24 h).',
    );
    alarm(
      'Api5xx',
      props.api.metricServerError({ period: Duration.minutes(5), statistic: Stats.SUM }),
      5,
      'The HTTP API answered 5xx at least 5 times in 5 minutes.',
    );
  }
}

/**
 * Makes alarms in `scope` that page `topic` when they fire and when they clear (≥ threshold over one period; no data
 * is not a breach), collecting them in `into`. Every stack of functions pages the one topic this way.
 */
export function alarmsTo(scope: Construct, topic: ITopic, into: Alarm[]) {
  const action = new SnsAction(topic);
  return (alarmId: string, metric: IMetric, threshold: number, description: string) => {
    const created = new Alarm(scope, alarmId, {
      metric,
      alarmDescription: description,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(action);
    created.addOkAction(action);
    into.push(created);
  };
}
