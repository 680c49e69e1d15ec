// Feeding a worker a long sequence without copying all of it at once: the UI wraps the source in a
// ReadableStream of chunks and transfers the stream; the worker pulls chunks as it needs them, so the
// source is read at the worker's pace (a Dexie cursor, for example, is never read ahead of the writer).

/** A stream that reads `source` in chunks of `size` items, one chunk ahead of the reader. */
export function chunkedStream<T>(source: AsyncIterable<T> | Iterable<T>, size = 1000): ReadableStream<T[]> {
  let iterator: AsyncIterator<T> | Iterator<T> | null = null;
  const open = (): AsyncIterator<T> | Iterator<T> =>
    (iterator ??= Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]());
  return new ReadableStream<T[]>({
    async pull(controller) {
      const it = open();
      const chunk: T[] = [];
      while (chunk.length < size) {
        const next = await it.next();
        if (next.done) {
          if (chunk.length > 0) controller.enqueue(chunk);
          controller.close();
          return;
        }
        chunk.push(next.value);
      }
      controller.enqueue(chunk);
    },
    async cancel() {
      await open().return?.();
    },
  });
}

/** The items of a chunk stream one by one; stopping early cancels the stream, which tells its source. */
export async function* streamItems<T>(stream: ReadableStream<T[]>): AsyncGenerator<T> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield* value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * The items of an array one by one, letting go of each once it has been taken, so a large input that
 * was copied into a worker shrinks while it is processed instead of staying whole until the end.
 */
export function* drainArray<T>(items: T[]): Generator<T> {
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    // Only the worker's own deserialised copy is passed here; nobody else reads it afterwards.
    (items as (T | undefined)[])[i] = undefined;
    yield item;
  }
}
