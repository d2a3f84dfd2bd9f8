// A request body of any size generated lazily, chunk by chunk as it is read, counting the bytes
// the server pulled: a body limit that works stops pulling soon after the limit.
export function lazyBody(totalBytes: number, { chunkBytes = 16 * 1024, fill = " " } = {}) {
  let pulled = 0;
  let cancelled = false;
  const chunk = new TextEncoder().encode(fill.repeat(chunkBytes));
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= totalBytes) return controller.close();
        const next = Math.min(chunkBytes, totalBytes - pulled);
        pulled += next;
        controller.enqueue(next === chunkBytes ? chunk.slice() : chunk.slice(0, next));
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return {
    stream,
    get pulled() {
      return pulled;
    },
    get cancelled() {
      return cancelled;
    },
  };
}

export const MB = 1024 * 1024;
