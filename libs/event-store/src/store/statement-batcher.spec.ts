import { StatementBatcher } from './statement-batcher';

/** A statement that answers when told to: shows what was sent together and when. */
function recorder(fail?: (items: number[]) => boolean) {
  const sent: Array<{ items: number[]; finish: () => void }> = [];
  const send = (items: number[]) =>
    new Promise<Array<number | Error>>((resolve, reject) => {
      sent.push({
        items,
        finish: () =>
          fail?.(items)
            ? reject(new Error(`statement of ${items.join(',')} failed`))
            : resolve(items.map((i) => (i < 0 ? new Error(`item ${i} refused`) : i * 10))),
      });
    });
  return { sent, send };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('StatementBatcher', () => {
  it('sends a lone request at once, and what arrives while the statements are busy together in the next one', async () => {
    const { sent, send } = recorder();
    const batcher = new StatementBatcher<number, number>(1, 64, send, async (i) => (await send([i]))[0] as number);
    const first = batcher.submit(1);
    const rest = [2, 3, 4].map((i) => batcher.submit(i));
    await settle();
    expect(sent.map((s) => s.items)).toEqual([[1]]);
    sent[0].finish();
    expect(await first).toBe(10);
    await settle();
    expect(sent.map((s) => s.items)).toEqual([[1], [2, 3, 4]]);
    sent[1].finish();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('keeps up to maxInFlight statements running and at most maxItems in one', async () => {
    const { sent, send } = recorder();
    const batcher = new StatementBatcher<number, number>(2, 2, send, async (i) => (await send([i]))[0] as number);
    const all = [1, 2, 3, 4, 5, 6].map((i) => batcher.submit(i));
    await settle();
    expect(sent.map((s) => s.items)).toEqual([[1], [2]]);
    sent[0].finish();
    await settle();
    expect(sent.map((s) => s.items)).toEqual([[1], [2], [3, 4]]);
    sent[1].finish();
    await settle();
    sent.slice(2).forEach((s) => s.finish());
    await settle();
    sent.slice(2).forEach((s) => s.finish());
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('answers an item its own error and the others their results', async () => {
    const { sent, send } = recorder();
    const batcher = new StatementBatcher<number, number>(1, 64, send, async (i) => (await send([i]))[0] as number);
    void batcher.submit(1);
    const results = Promise.allSettled([batcher.submit(2), batcher.submit(-3), batcher.submit(4)]);
    await settle();
    sent[0].finish();
    await settle();
    sent[1].finish();
    expect((await results).map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      20,
      'item -3 refused',
      40,
    ]);
  });

  it('sends each request of a failed statement again on its own, so only the one that fails gets the error', async () => {
    const alone: number[] = [];
    const { sent, send } = recorder((items) => items.includes(7));
    const batcher = new StatementBatcher<number, number>(1, 64, send, async (i) => {
      alone.push(i);
      if (i === 7) throw new Error('7 fails alone too');
      return i * 10;
    });
    void batcher.submit(1);
    const results = Promise.allSettled([batcher.submit(5), batcher.submit(7), batcher.submit(9)]);
    await settle();
    expect(sent.map((s) => s.items)).toEqual([[5, 7, 9]]); // 1 went alone (and answered at once)
    sent[0].finish(); // fails as a whole
    expect((await results).map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      50,
      '7 fails alone too',
      90,
    ]);
    expect(alone).toEqual([1, 5, 7, 9]);
  });
});
