// A page in its own chunk that can be loaded ahead of time. React.lazy suspends on its first render
// even when the chunk is already loaded (it calls the loader then), so the Suspense fallback is shown
// and React holds the page back until 300 ms after that fallback appeared (its fallback throttle): a
// preloaded 统计看板 still took a third of a second to show. A page made here renders the loaded
// component directly once its chunk is in, and goes through React.lazy only before that.
import { lazy, useState, type ComponentType, type JSX } from 'react';

export type LazyPage<P extends object> = {
  /** Renders the page: directly when its chunk is loaded, else through React.lazy (inside a Suspense). */
  Page: (props: P) => JSX.Element;
  /** Loads the chunk now; rejects when it cannot be loaded (the lazy page then tries again when shown). */
  preload: () => Promise<void>;
};

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | null = null;
  const preload = async (): Promise<void> => {
    loaded ??= await load();
  };
  const Lazy = lazy(async () => {
    await preload();
    // preload() resolved, so the component is there.
    return { default: loaded as ComponentType<P> };
  });
  function Page(props: P): JSX.Element {
    // Chosen once per mount: switching from the lazy wrapper to the loaded component would remount
    // the page and lose its state.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <Component {...props} />;
  }
  return { Page, preload };
}
