// 导出Excel on the register while its findings are still being read: the rows are only those read so far,
// so the export says so and starts no job (no worker, no file) instead of writing a partial workbook.
import { fireEvent, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { describe, expect, it } from 'vitest';
import { initI18n } from '../../renderer/i18n';
import { HostContext } from '../../renderer/app/contexts';
import { RegisterExport } from '../../renderer/features/findings/RegisterExport';
import { fakeHost } from './fake-host';

describe('RegisterExport while the register is loading', () => {
  it('refuses with a message saying how far the reading got, and writes nothing', async () => {
    await initI18n('zh-CN');
    const host = fakeHost([]);
    render(
      <HostContext.Provider value={host}>
        <AntApp>
          <RegisterExport rows={[{ id: 'a' }, { id: 'b' }]} loading={{ loaded: 200, expected: 100_000 }} />
        </AntApp>
      </HostContext.Provider>,
    );
    fireEvent.click(screen.getByRole('button', { name: /导出\s?Excel/ }));
    expect(await screen.findByText(/台账仍在载入（已载入 200 \/ 100000 条）/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /导出汇总表/ }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(host.saved).toEqual([]);
  });
});
