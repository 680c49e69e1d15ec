import { describe, expect, it } from 'vitest';
import {
  VERDICT_LABELS,
  VERDICTS,
  answerWarnings,
  isFailure,
  isVerdict,
  validateAnswer,
  type AnswerInput,
} from '../../../renderer/core/inspection/answer';

const blank: AnswerInput = { verdict: null, note: '', sampleSize: null, exceptions: null };
const sampled = { sample: true };
const plain = { sample: false };

function codes(item: { sample?: boolean }, a: Partial<AnswerInput>): string[] {
  return validateAnswer(item, { ...blank, ...a }).map((p) => `${p.field}:${p.code}`);
}

describe('validateAnswer', () => {
  it('accepts an empty answer and ordinary answers', () => {
    expect(codes(plain, {})).toEqual([]);
    expect(codes(plain, { verdict: 'compliant', note: '已查看' })).toEqual([]);
    expect(codes(sampled, { verdict: 'partial', sampleSize: 10, exceptions: 2 })).toEqual([]);
    expect(codes(sampled, { sampleSize: 0, exceptions: 0 })).toEqual([]);
    expect(codes(sampled, { sampleSize: 5, exceptions: 5 })).toEqual([]);
  });

  it('needs whole, non-negative counts', () => {
    expect(codes(sampled, { sampleSize: 1.5 })).toEqual(['sampleSize:sampleSizeNotInteger']);
    expect(codes(sampled, { sampleSize: -1 })).toEqual(['sampleSize:sampleSizeNegative']);
    expect(codes(sampled, { sampleSize: Number.NaN })).toEqual(['sampleSize:sampleSizeNotInteger']);
    expect(codes(sampled, { sampleSize: 2_000_000 })).toEqual(['sampleSize:sampleSizeTooLarge']);
    expect(codes(sampled, { sampleSize: 3, exceptions: -2 })).toEqual(['exceptions:exceptionsNegative']);
    expect(codes(sampled, { sampleSize: 3, exceptions: 0.5 })).toEqual(['exceptions:exceptionsNotInteger']);
  });

  it('keeps exceptions within the sample', () => {
    const problems = validateAnswer(sampled, { ...blank, sampleSize: 3, exceptions: 4 });
    expect(problems).toEqual([{ field: 'exceptions', code: 'exceptionsExceedSample', params: { exceptions: 4, sampleSize: 3 } }]);
  });

  it('refuses sample fields on an item that does not sample', () => {
    expect(codes(plain, { sampleSize: 3 })).toEqual(['sampleSize:sampleNotApplicable']);
    expect(codes({}, { exceptions: 0 })).toEqual(['exceptions:sampleNotApplicable']);
  });

  it('limits the note to 2,000 characters', () => {
    expect(codes(plain, { note: '字'.repeat(2000) })).toEqual([]);
    expect(validateAnswer(plain, { ...blank, note: '字'.repeat(2001) })).toEqual([
      { field: 'note', code: 'noteTooLong', params: { max: 2000, length: 2001 } },
    ]);
  });

  it('refuses an unknown verdict arriving from untyped data', () => {
    const answer = { ...blank, verdict: '符合' } as unknown as AnswerInput;
    expect(codes(plain, answer)).toEqual(['verdict:verdictInvalid']);
  });
});

describe('answerWarnings', () => {
  const warn = (item: { sample?: boolean }, a: Partial<AnswerInput>) => answerWarnings(item, { ...blank, ...a }).map((w) => w.code);

  it('points out inconsistencies without blocking', () => {
    expect(warn(plain, { verdict: 'noncompliant' })).toEqual(['failureWithoutNote']);
    expect(warn(plain, { verdict: 'noncompliant', note: '价目表过期' })).toEqual([]);
    expect(warn(sampled, { verdict: 'compliant' })).toEqual(['sampleMissing']);
    expect(warn(sampled, { verdict: 'na' })).toEqual([]);
    expect(warn(sampled, { exceptions: 1 })).toEqual(['exceptionsWithoutSample']);
    expect(warn(sampled, { verdict: 'compliant', sampleSize: 10, exceptions: 1 })).toEqual(['exceptionsButCompliant']);
  });
});

describe('verdicts', () => {
  it('partial and noncompliant are failures', () => {
    expect(VERDICTS.filter((v) => isFailure(v))).toEqual(['partial', 'noncompliant']);
    expect(isFailure(null)).toBe(false);
  });

  it('has labels in both languages', () => {
    expect(VERDICT_LABELS['zh-CN']).toEqual({ compliant: '符合', partial: '部分符合', noncompliant: '不符合', na: '不适用' });
    for (const v of VERDICTS) expect(VERDICT_LABELS['en-US'][v]).toBeTruthy();
  });

  it('isVerdict accepts only the four codes', () => {
    expect(VERDICTS.every(isVerdict)).toBe(true);
    for (const v of ['符合', 'Compliant', '', null, 1, 'toString']) expect(isVerdict(v)).toBe(false);
  });
});
