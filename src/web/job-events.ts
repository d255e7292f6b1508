/**
 * Live delivery of stored job events inside one process: the queue publishes each event after
 * the store has numbered it, and every open server-sent-event stream of that job receives it.
 * Streams that reconnect read what they missed from the store, so nothing here is kept.
 */
import type { StoredEvent } from './job-store.js';

/** Receives events of one job; must not throw. */
export type JobEventListener = (event: StoredEvent) => void;

/** Subscriptions per job id. */
export class JobEventHub {
  readonly #listeners = new Map<string, Set<JobEventListener>>();

  /** Calls `listener` with every event of job `id` published from now on; returns the unsubscribe function. */
  subscribe(id: string, listener: JobEventListener): () => void {
    let set = this.#listeners.get(id);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(id, set);
    }
    set.add(listener);
    return () => {
      const current = this.#listeners.get(id);
      if (current === undefined) return;
      current.delete(listener);
      if (current.size === 0) this.#listeners.delete(id);
    };
  }

  /** Delivers `event` of job `id` to its listeners. */
  publish(id: string, event: StoredEvent): void {
    for (const listener of [...(this.#listeners.get(id) ?? [])]) listener(event);
  }

  /** Listeners of job `id`, or of every job when `id` is omitted (tests check that streams clean up). */
  listenerCount(id?: string): number {
    if (id !== undefined) return this.#listeners.get(id)?.size ?? 0;
    let count = 0;
    for (const set of this.#listeners.values()) count += set.size;
    return count;
  }
}
