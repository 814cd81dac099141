import type { EachBatchPayload } from 'kafkajs';

/**
 * Gathers the batches kafkajs hands out together and handles them as one. kafkajs gives each partition's batch of a
 * fetch to a worker of its own, all in the same turn of the event loop, and fetches again from that broker only when
 * every one of them is handled; handled apart, each batch paid a transaction of its own and the fetch waited for the
 * slowest of them.
 * `handle` gets every batch handed out before the next turn (setImmediate) and settles all of their eachBatch calls.
 */
export class FetchBatchesCollector {
  private waiting: Array<{ payload: EachBatchPayload; settle: (error?: Error) => void }> = [];

  constructor(private readonly handle: (payloads: EachBatchPayload[]) => Promise<void>) {}

  /** The eachBatch of kafkajs: resolves when the batch was handled together with those that came with it. */
  add(payload: EachBatchPayload): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ payload, settle: (error) => (error ? reject(error) : resolve()) });
      if (this.waiting.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const taken = this.waiting;
    this.waiting = [];
    try {
      await this.handle(taken.map((t) => t.payload));
      taken.forEach((t) => t.settle());
    } catch (error) {
      taken.forEach((t) => t.settle(error as Error));
    }
  }
}
