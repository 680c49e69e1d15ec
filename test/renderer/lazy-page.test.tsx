// lazyPage (renderer/app/lazy-page.tsx): once preloaded, a page renders in the same commit, without
// its Suspense fallback (which React holds for 300 ms); before that it still loads through React.lazy.
import { Suspense } from 'react';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { lazyPage } from '../../renderer/app/lazy-page';

const Hello = ({ name }: { name: string }) => <p>你好，{name}</p>;

describe('lazyPage', () => {
  it('renders a preloaded page without showing the fallback', async () => {
    let loads = 0;
    const page = lazyPage(async () => {
      loads += 1;
      return Hello;
    });
    await page.preload();
    await page.preload();
    render(
      <Suspense fallback={<span>加载中</span>}>
        <page.Page name="统计看板" />
      </Suspense>,
    );
    expect(screen.getByText('你好，统计看板')).toBeTruthy();
    expect(screen.queryByText('加载中')).toBeNull();
    expect(loads).toBe(1);
  });

  it('shows the fallback until a page that was not preloaded has loaded', async () => {
    const page = lazyPage(async () => Hello);
    render(
      <Suspense fallback={<span>加载中</span>}>
        <page.Page name="台账" />
      </Suspense>,
    );
    expect(screen.getByText('加载中')).toBeTruthy();
    await act(async () => {
      await page.preload();
    });
    expect(await screen.findByText('你好，台账')).toBeTruthy();
  });
});
