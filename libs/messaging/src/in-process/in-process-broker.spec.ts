import type { IncomingMessage } from '../incoming-message';
import { InProcessBroker } from './in-process-broker';

/** Polls until the condition holds, or fails after timeoutMs. */
async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const settle = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder() {
  const received: IncomingMessage[] = [];
  const deliver = async (message: IncomingMessage) => {
    received.push(message);
  };
  return { received, deliver, values: () => received.map((m) => m.value) };
}

/** A recorder the broker delivers the topic to as the group, with what takes it off again. */
function subscribedRecorder(broker: InProcessBroker, topic: string, group: string) {
  const subscriber = recorder();
  return { ...subscriber, unsubscribe: broker.subscribe(topic, group, subscriber.deliver) };
}

describe('InProcessBroker', () => {
  it('gives every message, in publish order, to each group on the topic', async () => {
    const broker = new InProcessBroker();
    const a = subscribedRecorder(broker, 'budgets.events', 'group-a');
    const b = subscribedRecorder(broker, 'budgets.events', 'group-b');

    const sent = Array.from({ length: 10 }, (_, i) => `m${i}`);
    for (const value of sent) broker.publish('budgets.events', `k-${value}`, value, { 'correlation-id': value });

    await waitFor(() => a.received.length === sent.length && b.received.length === sent.length);
    expect(a.values()).toEqual(sent);
    expect(b.values()).toEqual(sent);
    expect(a.received[3]).toEqual({
      topic: 'budgets.events',
      partition: 0,
      offset: expect.any(String),
      key: 'k-m3',
      value: 'm3',
      headers: { 'correlation-id': 'm3' },
    });
    const offsets = a.received.map((m) => Number(m.offset));
    expect(offsets).toEqual([...offsets].sort((x, y) => x - y));
    expect(new Set(offsets).size).toBe(offsets.length);
  });

  it('delivers one message at a time to a subscriber', async () => {
    const broker = new InProcessBroker();
    let inFlight = 0;
    let maxInFlight = 0;
    const done: string[] = [];
    broker.subscribe('t', 'g', async (message) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await settle(5);
      done.push(message.value);
      inFlight--;
    });
    for (const value of ['1', '2', '3', '4']) broker.publish('t', value, value, {});
    await waitFor(() => done.length === 4);
    expect(maxInFlight).toBe(1);
    expect(done).toEqual(['1', '2', '3', '4']);
  });

  it('offers a message again after its delivery throws, keeping the order', async () => {
    const broker = new InProcessBroker();
    const attempts: string[] = [];
    const accepted: string[] = [];
    let failedOnce = false;
    broker.subscribe('t', 'flaky', async (message) => {
      attempts.push(message.value);
      if (message.value === 'second' && !failedOnce) {
        failedOnce = true;
        throw new Error('transient');
      }
      accepted.push(message.value);
    });
    const steady = subscribedRecorder(broker, 't', 'steady');

    broker.publish('t', 'k', 'first', {});
    broker.publish('t', 'k', 'second', {});
    broker.publish('t', 'k', 'third', {});

    // The other group is not held back by the failing one.
    await waitFor(() => steady.received.length === 3, 400);
    expect(accepted).toEqual(['first']);

    await waitFor(() => accepted.length === 3, 3_000);
    expect(attempts).toEqual(['first', 'second', 'second', 'third']);
    expect(accepted).toEqual(['first', 'second', 'third']);
    expect(steady.values()).toEqual(['first', 'second', 'third']);
  });

  it('stops delivering after unsubscribe', async () => {
    const broker = new InProcessBroker();
    const gone = subscribedRecorder(broker, 't', 'gone');
    const stays = subscribedRecorder(broker, 't', 'stays');

    broker.publish('t', 'k', 'before', {});
    await waitFor(() => gone.received.length === 1 && stays.received.length === 1);

    gone.unsubscribe();
    broker.publish('t', 'k', 'after', {});
    await waitFor(() => stays.received.length === 2);
    await settle();
    expect(gone.values()).toEqual(['before']);
    expect(stays.values()).toEqual(['before', 'after']);
  });

  it('does not deliver messages published on another topic', async () => {
    const broker = new InProcessBroker();
    const budgets = subscribedRecorder(broker, 'budgets', 'g');
    const fines = subscribedRecorder(broker, 'fines', 'g');

    broker.publish('fines', 'k', 'fine-1', {});
    broker.publish('nobody-listens', 'k', 'lost', {});
    broker.publish('budgets', 'k', 'budget-1', {});

    await waitFor(() => budgets.received.length === 1 && fines.received.length === 1);
    await settle();
    expect(budgets.values()).toEqual(['budget-1']);
    expect(budgets.received[0].topic).toBe('budgets');
    expect(fines.values()).toEqual(['fine-1']);
  });

  it('keeps messages for a declared group until it subscribes (services start one after another)', async () => {
    const broker = new InProcessBroker();
    broker.declare('budgets', 'late');
    const published = broker.publish('budgets', 'k', 'early-1', {});
    let settled = false;
    void published.then(() => (settled = true));
    await settle();
    expect(settled).toBe(false);
    const late = subscribedRecorder(broker, 'budgets', 'late');
    await published;
    expect(late.values()).toEqual(['early-1']);
  });
});
