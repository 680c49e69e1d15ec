import type { ThemeConfig } from 'antd';

// A sober palette for a compliance tool: blue for actions and focus, so that red only ever means a
// problem (不符合, errors); the red of the shield logo stays in the header.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fa8',
    colorInfo: '#1f5fa8',
    borderRadius: 6,
    fontSize: 14,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif",
  },
};
