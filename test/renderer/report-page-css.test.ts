// The report's @page rule: texts from the catalogue and from user data become safe CSS strings, and
// "page N of M" becomes CSS page counters.
import { describe, expect, it } from 'vitest';
import { counterContent, cssString, reportPageCss } from '../../renderer/features/report/page-css';

describe('report page CSS', () => {
  it('escapes quotes, backslashes, line breaks and < in CSS strings', () => {
    expect(cssString('城东"支行\\')).toBe('"城东\\22 支行\\5C "');
    expect(cssString('a\nb</style>')).toBe('"a\\A b\\3C /style>"');
  });

  it('turns {page} and {pages} into counters', () => {
    expect(counterContent('第 {page} 页，共 {pages} 页')).toBe('"第 " counter(page) " 页，共 " counter(pages) " 页"');
    expect(counterContent('Page {page} of {pages}')).toBe('"Page " counter(page) " of " counter(pages)');
  });

  it('declares A4 with margins, a running head (not on the cover) and page numbers', () => {
    const css = reportPageCss({ runningHead: '消费者权益保护检查报告 · 城东支行（BR0101）', pageNumber: '第 {page} 页，共 {pages} 页' });
    expect(css).toContain('@page { size: A4 portrait; margin: 20mm 16mm 18mm 16mm;');
    expect(css).toContain('@top-left { content: "消费者权益保护检查报告 · 城东支行（BR0101）";');
    expect(css).toContain('@bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页";');
    expect(css).toContain('@page :first { @top-left { content: none; } }');
  });
});
