import type { ThemeConfig } from 'antd';

// A sober palette for a compliance tool: blue for actions and focus, so that red only ever means a
// problem (不符合, errors); the red of the shield logo stays in the header.
// zeroRuntime: antd's component styles come from its static stylesheet (antd/dist/antd.css, imported
// before styles.css in main.tsx) instead of being generated and injected by every component as it first
// renders (CSS-in-JS was about 0.3-0.5 s of a cold start). The design tokens above still reach the
// components: they are CSS variables, which antd sets at run time and the static stylesheet reads.
export const theme: ThemeConfig = {
  zeroRuntime: true,
  token: {
    colorPrimary: '#1f5fa8',
    colorInfo: '#1f5fa8',
    borderRadius: 6,
    fontSize: 14,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif",
  },
};
