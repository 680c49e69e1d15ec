// Serialises answer writes so they land in the order the inspector made them, and exposes a save
// state the UI shows ("保存中…" / "已保存 10:42:07" / the reason it failed).
import { useCallback, useEffect, useRef, useState } from 'react';
import { saveAnswer, type AnswerPatch } from '../../db/repos/inspections';
import type { XbDb } from '../../db/queries';
import type { AppError } from '../../core/result';
import { classifyWriteError } from '../../db/open';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; error: AppError };

const TEXT_DELAY_MS = 400;

export function useAnswerSaver(db: XbDb, inspectionId: string) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const chain = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(new Map<string, { patch: AnswerPatch; timer: ReturnType<typeof setTimeout> }>());

  const write = useCallback(
    (itemCode: string, patch: AnswerPatch) => {
      setState({ kind: 'saving' });
      const run = chain.current.then(async () => {
        try {
          const r = await saveAnswer(db, inspectionId, itemCode, patch);
          setState(r.ok ? { kind: 'saved', at: new Date() } : { kind: 'error', error: r.error });
        } catch (e) {
          setState({ kind: 'error', error: classifyWriteError(e) });
        }
      });
      chain.current = run;
      return run;
    },
    [db, inspectionId],
  );

  const flush = useCallback(
    (itemCode?: string) => {
      for (const [code, p] of [...pending.current]) {
        if (itemCode && code !== itemCode) continue;
        clearTimeout(p.timer);
        pending.current.delete(code);
        void write(code, p.patch);
      }
      return chain.current;
    },
    [write],
  );

  /** Immediate write (verdict buttons). Pending text of the same item goes first, in one write. */
  const saveNow = useCallback(
    (itemCode: string, patch: AnswerPatch) => {
      const p = pending.current.get(itemCode);
      if (p) {
        clearTimeout(p.timer);
        pending.current.delete(itemCode);
      }
      return write(itemCode, { ...p?.patch, ...patch });
    },
    [write],
  );

  /** Debounced write for typing: the note is saved a moment after the last keystroke. */
  const saveSoon = useCallback(
    (itemCode: string, patch: AnswerPatch) => {
      const p = pending.current.get(itemCode);
      if (p) clearTimeout(p.timer);
      const merged = { ...p?.patch, ...patch };
      setState({ kind: 'saving' });
      const timer = setTimeout(() => {
        pending.current.delete(itemCode);
        void write(itemCode, merged);
      }, TEXT_DELAY_MS);
      pending.current.set(itemCode, { patch: merged, timer });
    },
    [write],
  );

  // Leaving the page (or closing the window) must not drop the last keystrokes.
  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void flush();
    };
  }, [flush]);

  return { state, saveNow, saveSoon, flush };
}
