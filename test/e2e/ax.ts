// The interactive controls that have no accessible name, read from Chromium's own accessibility tree
// (what a screen reader and getByRole see). Used by every test that checks a screen is fully named.
import type { Page } from 'playwright-core';

const INTERACTIVE = new Set(['button', 'textbox', 'combobox', 'checkbox', 'radio', 'menuitem', 'link', 'spinbutton', 'searchbox', 'switch', 'tab', 'slider', 'listbox', 'option']);

type AxNode = { ignored?: boolean; role?: { value?: string }; name?: { value?: string }; backendDOMNodeId?: number };

export async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
  const problems: string[] = [];
  for (const n of nodes) {
    const role = n.role?.value ?? '';
    if (n.ignored || !INTERACTIVE.has(role) || (n.name?.value ?? '').trim() !== '') continue;
    const html =
      n.backendDOMNodeId === undefined
        ? ''
        : await cdp
            .send('DOM.resolveNode', { backendNodeId: n.backendDOMNodeId })
            .then(({ object }) =>
              cdp.send('Runtime.callFunctionOn', {
                objectId: object.objectId,
                functionDeclaration: 'function () { return this.outerHTML ? this.outerHTML.slice(0, 160) : String(this.nodeName); }',
                returnByValue: true,
              }),
            )
            .then((r) => String((r as { result: { value?: unknown } }).result.value ?? ''))
            .catch(() => '');
    problems.push(`${role}: ${html}`);
  }
  await cdp.detach();
  return problems;
}
