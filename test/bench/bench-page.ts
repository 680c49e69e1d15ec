// The runner's side of the bench page (page/main.ts): opening it and calling what it offers as
// window.__bench, for the measurements kept in their own files (measure-*.ts).
import type { Page } from 'playwright-core';
import type { BenchApi } from './page/api';

/** Loads bench.html from the served site and waits until its API is there. */
export async function openBenchPage(page: Page, base: string): Promise<void> {
  await page.goto(`${base}bench.html`);
  await page.locator('#state[data-ready="true"]').waitFor();
}

type Api = { [K in keyof BenchApi]: BenchApi[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never };

/** Calls window.__bench[name](...args) in the page and returns its (serialisable) result. */
export async function callBenchPage<K extends keyof BenchApi>(page: Page, name: K, ...args: Parameters<Api[K]>): Promise<Awaited<ReturnType<Api[K]>>> {
  return page.evaluate(
    ([n, a]) => {
      const api = window.__bench;
      if (!api) throw new Error('the bench page did not load');
      return (api[n] as (...xs: unknown[]) => Promise<unknown>)(...a);
    },
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<Api[K]>>>;
}
