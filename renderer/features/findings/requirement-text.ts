// Words for what a transition still needs: "完成日期不能晚于今天", "请填写退回原因".
import type { RequirementProblem } from '../../core/finding/transitions';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export function requirementText(t: Translate, p: RequirementProblem): string {
  const name = t(`requirements.${p.requirement}`);
  if (p.kind === 'early') return t(`requirements.early.${p.requirement}`, { name });
  return t(`requirements.kind.${p.kind}`, { name });
}
