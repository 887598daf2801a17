import { type Answer, answerQuestion } from '../../domain/services/answer';
import { vietnamDate } from '../../domain/dates';
import { AnswerQuery } from '../../schemas/search';
import { httpHandler, json, type AppContext } from '../_shared/http';

const answerJson = ({ workId, ...a }: Answer) => ({ documentId: workId, ...a });

export const create = (ctx: AppContext) =>
  httpHandler(ctx, { fn: 'answer', query: AnswerQuery }, async ({ query, ports }) => {
    const res = await answerQuestion(ports, { q: query.q, at: query.at ?? vietnamDate(ports.clock.now()), limit: query.limit ?? 5 });
    return json({ ...res, answers: res.answers.map(answerJson), notInForce: res.notInForce.map(answerJson) });
  });
