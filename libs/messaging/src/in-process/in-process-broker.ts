import type { IncomingMessage } from '../incoming-message';

type Deliver = (message: IncomingMessage) => Promise<void>;

interface Subscription {
  group: string;
  deliver: Deliver;
  queue: Array<{ message: IncomingMessage; delivered: () => void; abandoned: (error: Error) => void }>;
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
      // The publisher's batch fails and is not checkpointed, so the relay publishes it again after a restart.
      subscription.queue.splice(0).forEach((item) => item.abandoned(new Error(`${group} unsubscribed from ${topic}`)));
      this.subscriptions.set(topic, (this.subscriptions.get(topic) ?? []).filter((s) => s !== subscription));
    };
  }

  /** Resolves when every group subscribed now has handled the message; rejects if one unsubscribes first. */
  publish(topic: string, key: string, value: string, headers: Record<string, string>): Promise<void> {
    const message: IncomingMessage = { topic, partition: 0, offset: String(this.offsets++), key, value, headers };
    return Promise.all(
      (this.subscriptions.get(topic) ?? []).map(
        (subscription) =>
          new Promise<void>((delivered, abandoned) => {
            subscription.queue.push({ message, delivered, abandoned });
            void this.drain(subscription);
          }),
      ),
    ).then(() => undefined);
  }

  private async drain(subscription: Subscription): Promise<void> {
    if (subscription.draining) return;
    subscription.draining = true;
    try {
      while (subscription.active && subscription.queue.length > 0) {
        const { message, delivered } = subscription.queue[0];
        try {
          await subscription.deliver(message);
          subscription.queue.shift();
          delivered();
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
