import type { TopicName, TopicPayload } from '../../../shared/contract';

type Listener<T extends TopicName> = (payload: TopicPayload<T>) => void;

/** In-process publish/subscribe for the contract's topics; transports forward it to clients. */
export class TopicBus {
  private readonly listeners = new Map<TopicName, Set<(payload: never) => void>>();

  subscribe<T extends TopicName>(topic: T, listener: Listener<T>): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  publish<T extends TopicName>(topic: T, payload: TopicPayload<T>): void {
    for (const listener of this.listeners.get(topic) ?? []) {
      try {
        (listener as Listener<T>)(payload);
      } catch (err) {
        // One broken subscriber must not stop ingest or the other subscribers.
        console.error(`[bus] ${topic} listener failed:`, err);
      }
    }
  }
}
