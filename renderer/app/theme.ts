import type { ThemeConfig } from 'antd';

// A sober palette for a compliance tool: the bank-red accent used sparingly, readable CJK type sizes.
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b8322a',
    colorInfo: '#1f5fa8',
    borderRadius: 6,
    fontSize: 14,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif",
  },
};
