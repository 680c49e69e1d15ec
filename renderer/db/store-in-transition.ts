// A store outside React (the findings, the org units) read by components, with its changes rendered as
// transitions. useSyncExternalStore renders every change of a store synchronously, in the task that
// made it: after a head-office import the org units' change notice rendered every component that
// shows units in one task (188 ms at a tenth of national scale, measured), and the register's store
// publishing 100,000 findings did the same. As a transition React renders in slices and yields to
// input and drawing between them. What is shown may then lag the store by a frame, never more: the
// store's own notice schedules the render that catches up.
import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * `select(getSnapshot())` as of this render; a change of the store that changes the selection renders
 * the component again, as a transition (a change that leaves the selection as it was renders nothing).
 */
export function useStoreInTransition<S, T>(subscribe: (onChange: () => void) => () => void, getSnapshot: () => S, select: (snapshot: S) => T): T {
  const value = select(getSnapshot());
  const [, rerender] = useState(0);
  const shown = useRef(value);
  const pick = useRef(select);
  useEffect(() => {
    shown.current = value;
    pick.current = select;
  });
  useEffect(() => {
    const update = (): void => {
      if (!Object.is(pick.current(getSnapshot()), shown.current)) startTransition(() => rerender((n) => n + 1));
    };
    const unsubscribe = subscribe(update);
    // A change between this render and the subscription.
    update();
    return unsubscribe;
  }, [subscribe, getSnapshot]);
  return value;
}

/** The whole snapshot (select = identity). */
export const whole = <S,>(snapshot: S): S => snapshot;
