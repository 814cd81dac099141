/**
 * Group commit for requests that are one statement each (appends, stream reads): at most `maxInFlight` statements run
 * at once, and the requests that arrive meanwhile go together in the next one, so under load one statement, one round
 * trip (and for appends one commit) carries many, while a lone request is sent at once. A batch whose statement fails
 * (one append's version was taken, a projection refused one append's event) did nothing, atomic as any statement: each
 * of its requests is then sent on its own, so each gets its own answer.
 */
export class StatementBatcher<T, R> {
  private readonly queue: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private inFlight = 0;

  constructor(
    private readonly maxInFlight: number,
    private readonly maxItems: number,
    /** One statement for all: per item its result, or the error that item alone met (nothing of it was written). */
    private readonly sendBatch: (items: T[]) => Promise<Array<R | Error>>,
    private readonly sendOne: (item: T) => Promise<R>,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const taken = this.queue.splice(0, this.maxItems);
      this.inFlight++;
      void this.send(taken).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async send(taken: typeof this.queue): Promise<void> {
    const alone = (t: (typeof taken)[number]) => this.sendOne(t.item).then(t.resolve, t.reject);
    if (taken.length === 1) return alone(taken[0]);
    let results: Array<R | Error>;
    try {
      results = await this.sendBatch(taken.map((t) => t.item));
    } catch {
      await Promise.all(taken.map(alone));
      return;
    }
    taken.forEach((t, i) => {
      const result = results[i];
      if (result instanceof Error) t.reject(result);
      else t.resolve(result);
    });
  }
}
