// One inspector's answer to one checklist item, and the rules an answer must meet before it is saved.
// validateAnswer returns blocking problems only (the repository refuses to save on any); answerWarnings
// returns inconsistencies the UI points out but lets the inspector keep.
import { VERDICTS, type ChecklistItem, type Verdict } from '../checklist/schema';

export type { Verdict };
export { VERDICTS };

export type Answer = {
  inspectionId: string;
  itemCode: string;
  verdict: Verdict | null;
  note: string;
  /** Records looked at; only for items with `sample: true`. */
  sampleSize: number | null;
  /** Of those, how many did not comply. */
  exceptions: number | null;
  updatedAt: string;
  rev: number;
};

export type AnswerInput = Pick<Answer, 'verdict' | 'note' | 'sampleSize' | 'exceptions'>;
export type AnswerField = keyof AnswerInput;

export const NOTE_MAX = 2000;
/** Far above any manual sample; catches a mistyped extra digit. */
export const SAMPLE_MAX = 1_000_000;

export const ANSWER_PROBLEM_CODES = [
  'verdictInvalid',
  'noteTooLong',
  'sampleNotApplicable',
  'sampleSizeNotInteger',
  'sampleSizeNegative',
  'sampleSizeTooLarge',
  'exceptionsNotInteger',
  'exceptionsNegative',
  'exceptionsTooLarge',
  'exceptionsExceedSample',
] as const;
export type AnswerProblemCode = (typeof ANSWER_PROBLEM_CODES)[number];

export type AnswerWarningCode = 'failureWithoutNote' | 'sampleMissing' | 'exceptionsWithoutSample' | 'exceptionsButCompliant';

export type AnswerProblem = { field: AnswerField; code: AnswerProblemCode; params?: Record<string, string | number> };
export type AnswerWarning = { field: AnswerField; code: AnswerWarningCode };

export const VERDICT_LABELS = {
  'zh-CN': { compliant: '符合', partial: '部分符合', noncompliant: '不符合', na: '不适用' },
  'en-US': { compliant: 'Compliant', partial: 'Partially compliant', noncompliant: 'Non-compliant', na: 'Not applicable' },
} as const satisfies Record<'zh-CN' | 'en-US', Record<Verdict, string>>;

export function isVerdict(value: unknown): value is Verdict {
  return typeof value === 'string' && (VERDICTS as readonly string[]).includes(value);
}

/** A partial or noncompliant verdict produces a finding (ARCHITECTURE §4). */
export function isFailure(verdict: Verdict | null): boolean {
  return verdict === 'partial' || verdict === 'noncompliant';
}

export function validateAnswer(item: Pick<ChecklistItem, 'sample'>, answer: AnswerInput): AnswerProblem[] {
  const out: AnswerProblem[] = [];
  if (answer.verdict !== null && !isVerdict(answer.verdict)) out.push({ field: 'verdict', code: 'verdictInvalid' });
  if (answer.note.length > NOTE_MAX) {
    out.push({ field: 'note', code: 'noteTooLong', params: { max: NOTE_MAX, length: answer.note.length } });
  }
  if (item.sample !== true) {
    if (answer.sampleSize !== null) out.push({ field: 'sampleSize', code: 'sampleNotApplicable' });
    if (answer.exceptions !== null) out.push({ field: 'exceptions', code: 'sampleNotApplicable' });
    return out;
  }
  const sizeOk = checkCount(answer.sampleSize, 'sampleSize', out);
  const exceptionsOk = checkCount(answer.exceptions, 'exceptions', out);
  if (sizeOk && exceptionsOk && answer.sampleSize !== null && answer.exceptions !== null && answer.exceptions > answer.sampleSize) {
    out.push({ field: 'exceptions', code: 'exceptionsExceedSample', params: { exceptions: answer.exceptions, sampleSize: answer.sampleSize } });
  }
  return out;
}

function checkCount(value: number | null, field: 'sampleSize' | 'exceptions', out: AnswerProblem[]): boolean {
  if (value === null) return true;
  const codes = {
    sampleSize: ['sampleSizeNotInteger', 'sampleSizeNegative', 'sampleSizeTooLarge'],
    exceptions: ['exceptionsNotInteger', 'exceptionsNegative', 'exceptionsTooLarge'],
  } as const satisfies Record<string, readonly [AnswerProblemCode, AnswerProblemCode, AnswerProblemCode]>;
  const [notInteger, negative, tooLarge] = codes[field];
  if (!Number.isInteger(value)) out.push({ field, code: notInteger });
  else if (value < 0) out.push({ field, code: negative });
  else if (value > SAMPLE_MAX) out.push({ field, code: tooLarge, params: { max: SAMPLE_MAX } });
  else return true;
  return false;
}

export function answerWarnings(item: Pick<ChecklistItem, 'sample'>, answer: AnswerInput): AnswerWarning[] {
  const out: AnswerWarning[] = [];
  if (isFailure(answer.verdict) && answer.note.trim() === '') out.push({ field: 'note', code: 'failureWithoutNote' });
  if (item.sample === true) {
    const judged = answer.verdict !== null && answer.verdict !== 'na';
    if (judged && answer.sampleSize === null) out.push({ field: 'sampleSize', code: 'sampleMissing' });
    if (answer.exceptions !== null && answer.sampleSize === null) out.push({ field: 'exceptions', code: 'exceptionsWithoutSample' });
    if (answer.verdict === 'compliant' && answer.exceptions !== null && answer.exceptions > 0) {
      out.push({ field: 'verdict', code: 'exceptionsButCompliant' });
    }
  }
  return out;
}
