// The @page rule of the printed report: A4, margins, and in the page margins a running head (which
// report, which unit, which inspection) and "page N of M", so a loose page is never anonymous. The
// texts come from the catalogue and from user data (a unit's name), hence the CSS-string escaping.
// Chromium draws page-margin boxes in window.print(), in Electron's printToPDF and in Playwright's
// page.pdf() alike, so every way of printing gets the same pages.

/** A CSS string literal: quotes, backslashes and line breaks escaped; `<` too, so it can sit in a <style>. */
export function cssString(text: string): string {
  const escaped = text.replace(/[\\"<\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase()} `);
  return `"${escaped}"`;
}

/**
 * `content` for a text with `{page}` and `{pages}` placeholders, e.g. `第 {page} 页，共 {pages} 页`
 * becomes `"第 " counter(page) " 页，共 " counter(pages) " 页"`.
 */
export function counterContent(template: string): string {
  return template
    .split(/(\{pages?\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

export const PAGE_MARGINS = { top: '20mm', right: '16mm', bottom: '18mm', left: '16mm' } as const;

export function reportPageCss({ runningHead, pageNumber }: { runningHead: string; pageNumber: string }): string {
  const { top, right, bottom, left } = PAGE_MARGINS;
  const box = 'font-size: 8pt; color: #333;';
  return [
    `@page { size: A4 portrait; margin: ${top} ${right} ${bottom} ${left};`,
    `  @top-left { content: ${cssString(runningHead)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }`,
    `  @bottom-center { content: ${counterContent(pageNumber)}; ${box} vertical-align: top; padding-top: 3mm; }`,
    '}',
    // The cover says all of it already.
    '@page :first { @top-left { content: none; } }',
  ].join('\n');
}
