// The register's summary line while the findings are still being read: it says how far the reading got
// and shows no counts (they would be of the rows read so far, which a user could take for the answer);
// once loaded, the counts.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../renderer/i18n';
import { RegisterSummary } from '../../renderer/features/findings/RegisterSummary';

const counts = { shown: 12, live: 200, overdue: 3, dueSoon: 1 };

describe('RegisterSummary', () => {
  it('says how many of how many are read while loading, with no filtered counts', async () => {
    await initI18n('zh-CN');
    render(<RegisterSummary loading loaded={200} expected={100_000} {...counts} />);
    const line = screen.getByRole('status');
    expect(line).toHaveTextContent('正在载入台账：已载入 200 / 100000 条，筛选结果仍在更新，全部载入后显示条数');
    expect(line).not.toHaveTextContent('显示 12 条');
    expect(line).not.toHaveTextContent('逾期');
  });

  it('shows the counts once loaded, in English too', async () => {
    await initI18n('zh-CN');
    const { unmount } = render(<RegisterSummary loading={false} loaded={200} expected={200} {...counts} />);
    expect(screen.getByRole('status')).toHaveTextContent('显示 12 条（共 200 条有效问题）逾期 3 条7 天内到期 1 条');
    unmount();
    await initI18n('en-US');
    render(<RegisterSummary loading loaded={5} expected={9} {...counts} />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading the ledger: 5 of 9 read');
    await initI18n('zh-CN');
  });
});
