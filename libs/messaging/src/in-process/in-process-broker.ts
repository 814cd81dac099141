import type { IncomingMessage } from '../incoming-message';

type Deliver = (message: IncomingMessage) => Promise<void>;

interface Subscription {
  group: string;
  deliver: Deliver;
  queue: IncomingMessage[];
  draining: boolean;
  /** Cleared on unsubscribe, so a drain loop in progress stops too (shutdown must not keep delivering). */
  active: boolean;
}

/**
 * The embedded default's stand-in for the broker: every group subscribed to a topic gets each message,
 * one at a time and in publish order. Durability comes from the outbox and inbox, not from this class.
 */
export class InProcessBroker {
  private readonly subscriptions = new Map<string, Subscription[]>();
  private offsets = 0;

  subscribe(topic: string, group: string, deliver: Deliver): () => void {
    const subscription: Subscription = { group, deliver, queue: [], draining: false, active: true };
    this.subscriptions.set(topic, [...(this.subscriptions.get(topic) ?? []), subscription]);
    return () => {
      subscription.active = false;
      subscription.queue.length = 0;
      this.subscriptions.set(topic, (this.subscriptions.get(topic) ?? []).filter((s) => s !== subscription));
    };
  }

  publish(topic: string, key: string, value: string, headers: Record<string, string>): void {
    const message: IncomingMessage = { topic, partition: 0, offset: String(this.offsets++), key, value, headers };
    for (const subscription of this.subscriptions.get(topic) ?? []) {
      subscription.queue.push(message);
      void this.drain(subscription);
    }
  }

  private async drain(subscription: Subscription): Promise<void> {
    if (subscription.draining) return;
    subscription.draining = true;
    try {
      while (subscription.active && subscription.queue.length > 0) {
        const message = subscription.queue[0];
        try {
          await subscription.deliver(message);
          subscription.queue.shift();
        } catch {
          // Same contract as Kafka without a commit: the message is offered again after a pause.
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    } finally {
      subscription.draining = false;
    }
  }
}
