/** A minimal typed event emitter (no dependency on Node's or the DOM's). */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners: { [K in keyof Events]?: Set<(event: Events[K]) => void> } = {};

  on<K extends keyof Events>(event: K, listener: (event: Events[K]) => void): () => void {
    const set = (this.listeners[event] ??= new Set());
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const listener of [...(this.listeners[event] ?? [])]) {
      try {
        listener(value);
      } catch (error) {
        // One failing listener must not stop the others nor the connection; surface it asynchronously.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
