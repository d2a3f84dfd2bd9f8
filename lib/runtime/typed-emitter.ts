// A typed, synchronous event bus: listeners run in subscription order when a value is emitted.
// One listener's exception is logged and does not stop the others, nor the emitter.
export interface Bus<T> {
  /** Subscribes; returns the unsubscribe function. */
  on(listener: (value: T) => void): () => void;
  emit(value: T): void;
  readonly size: number;
}

export function createBus<T>(name: string, onListenerError: (error: unknown, bus: string) => void): Bus<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    on(listener) {
      // A wrapper per subscription, so subscribing the same function twice is two subscriptions.
      const entry = (value: T) => listener(value);
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    emit(value) {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          onListenerError(error, name);
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}
