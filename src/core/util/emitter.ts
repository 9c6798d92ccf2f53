import type { Disposable } from './disposable';

/** Listener receives emitted values. */
export type Listener<T> = (value: T) => void;

/** Event subscribes a listener and returns its Disposable (the VS Code `Event<T>` shape). */
export type Event<T> = (listener: Listener<T>) => Disposable;

/**
 * Emitter delivers values to listeners synchronously, in subscription order. A listener that
 * throws does not stop the others; the error goes to `onListenerError` (default: console.error).
 */
export class Emitter<T> implements Disposable {
  private listeners = new Set<Listener<T>>();

  constructor(private readonly onListenerError: (err: unknown) => void = (e) => console.error(e)) {}

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
