import type { AnswerRow } from '../../db/types';

export const answersByCode = (answers: AnswerRow[]): Map<string, AnswerRow> => new Map(answers.map((a) => [a.itemCode, a]));
