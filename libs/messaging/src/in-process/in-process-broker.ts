import type { IncomingMessage } from '../incoming-message';

type Deliver = (message: IncomingMessage) => Promise<void>;

interface Subscription {
  group: string;
  /** Unset while a declared group has not attached yet: its messages wait in the queue. */
  deliver?: Deliver;
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

  /**
   * Registers a group before its service runs, so what other services publish meanwhile waits for it
   * (the embedded default starts the four services one after another).
   */
  declare(topic: string, group: string): void {
    if (!this.find(topic, group)) {
      this.subscriptions.set(topic, [
        ...(this.subscriptions.get(topic) ?? []),
        { group, queue: [], draining: false, active: true },
      ]);
    }
  }

  subscribe(topic: string, group: string, deliver: Deliver): () => void {
    this.declare(topic, group);
    const subscription = this.find(topic, group)!;
    subscription.deliver = deliver;
    void this.drain(subscription);
    return () => {
      subscription.active = false;
      // The publisher's batch fails and is not checkpointed, so the relay publishes it again after a restart.
      subscription.queue.splice(0).forEach((item) => item.abandoned(new Error(`${group} unsubscribed from ${topic}`)));
      this.subscriptions.set(
        topic,
        (this.subscriptions.get(topic) ?? []).filter((s) => s !== subscription),
      );
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

  private find(topic: string, group: string): Subscription | undefined {
    return (this.subscriptions.get(topic) ?? []).find((s) => s.group === group);
  }

  private async drain(subscription: Subscription): Promise<void> {
    if (subscription.draining || !subscription.deliver) return;
    subscription.draining = true;
    try {
      while (subscription.active && subscription.queue.length > 0) {
        const { message, delivered } = subscription.queue[0];
        try {
          await subscription.deliver!(message);
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
