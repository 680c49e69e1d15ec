import type { Verdict } from '../../core/checklist/schema';

export const verdictColor = (v: Verdict | null): string =>
  v === 'compliant' ? 'green' : v === 'partial' ? 'orange' : v === 'noncompliant' ? 'red' : v === 'na' ? 'default' : 'blue';
