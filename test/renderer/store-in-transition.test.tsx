// useStoreInTransition (db/store-in-transition.ts): a store's change is rendered, as a transition (not
// in the task that made it, as useSyncExternalStore would), and only when it changes what the
// component selects.
import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSyncExternalStore } from 'react';
import { useStoreInTransition, whole } from '../../renderer/db/store-in-transition';

type State = { label: string; other: number };

function makeStore(initial: State) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    getSnapshot: () => state,
    set: (next: State) => {
      state = next;
      for (const l of listeners) l();
    },
    listeners,
  };
}

type Store = ReturnType<typeof makeStore>;
const label = (s: State): string => s.label;

function Label({ store, renders }: { store: Store; renders: { n: number } }) {
  const value = useStoreInTransition(store.subscribe, store.getSnapshot, label);
  renders.n++;
  return <p>{value}</p>;
}

function Whole({ store }: { store: Store }) {
  const value = useStoreInTransition(store.subscribe, store.getSnapshot, whole);
  return <p>{`${value.label}/${value.other}`}</p>;
}

function Sync({ store }: { store: Store }) {
  const value = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return <p>{value.label}</p>;
}

/** Every task queued so far (React's scheduler posts its work as tasks), then the microtasks after them. */
const tasks = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('a store rendered in transitions', () => {
  // Outside act(): this is about when React renders on its own.
  beforeEach(() => void ((globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false));
  afterEach(() => void ((globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true));

  it('renders a change later, in a task of its own, where useSyncExternalStore renders it at once', async () => {
    const store = makeStore({ label: 'a', other: 0 });
    const renders = { n: 0 };
    render(
      <>
        <Label store={store} renders={renders} />
        <Sync store={store} />
      </>,
    );
    await tasks();
    expect(screen.getAllByText('a')).toHaveLength(2);
    store.set({ label: 'b', other: 0 });
    // The microtasks after the change: the synchronous store is drawn, the transition not yet.
    await Promise.resolve();
    await Promise.resolve();
    expect(screen.getAllByText('b')).toHaveLength(1);
    expect(screen.getAllByText('a')).toHaveLength(1);
    await tasks();
    expect(screen.getAllByText('b')).toHaveLength(2);
  });

  it('renders nothing for a change that leaves the selection as it was', async () => {
    const store = makeStore({ label: 'a', other: 0 });
    const renders = { n: 0 };
    render(<Label store={store} renders={renders} />);
    await tasks();
    const before = renders.n;
    store.set({ label: 'a', other: 1 });
    store.set({ label: 'a', other: 2 });
    await tasks();
    expect(renders.n).toBe(before);
    store.set({ label: 'c', other: 2 });
    await tasks();
    expect(screen.getByText('c')).toBeTruthy();
    expect(renders.n).toBeGreaterThan(before);
  });

  it('renders a large change in slices, yielding to other tasks between components', async () => {
    const store = makeStore({ label: 'a', other: 0 });
    const seen: boolean[] = [];
    const clock = { timerFired: false };
    function Busy({ i }: { i: number }) {
      const value = useStoreInTransition(store.subscribe, store.getSnapshot, label);
      if (value === 'b') {
        // About a millisecond of rendering each: a hundred of them are far over React's 5 ms slice.
        const until = performance.now() + 1;
        while (performance.now() < until);
        seen[i] = clock.timerFired;
      }
      return <span>{value}</span>;
    }
    render(
      <>
        {Array.from({ length: 100 }, (_, i) => (
          <Busy key={i} i={i} />
        ))}
      </>,
    );
    await tasks();
    store.set({ label: 'b', other: 0 });
    setTimeout(() => (clock.timerFired = true), 0);
    for (let i = 0; i < 50 && seen.length < 100; i++) await tasks();
    expect(seen).toHaveLength(100);
    // The first components were rendered before the timer's task, the last after it: the render yielded.
    expect(seen[0]).toBe(false);
    expect(seen[99]).toBe(true);
  });

  it('catches a change made between the first render and the subscription, and unsubscribes on unmount', async () => {
    const store = makeStore({ label: 'a', other: 0 });
    const changed = { done: false };
    // Rendered after <Whole>, in the same pass: the store changes after Whole has read it and before its effects subscribe.
    function Changer() {
      if (!changed.done) {
        changed.done = true;
        store.set({ label: 'late', other: 7 });
      }
      return null;
    }
    const view = render(
      <>
        <Whole store={store} />
        <Changer />
      </>,
    );
    await tasks();
    expect(screen.getByText('late/7')).toBeTruthy();
    expect(store.listeners.size).toBe(1);
    view.unmount();
    expect(store.listeners.size).toBe(0);
  });
});
