import { jest } from '@jest/globals';
import {
  kafkajsScheduleCheckPendingRequests,
  scheduleCheckPendingRequests,
  type RequestQueueTimerState,
} from './request-queue-idle.fix';

/** A request queue as the schedule sees it: nothing throttling it (kafkajs's -1) unless told. */
const queue = (state: Partial<RequestQueueTimerState> = {}): RequestQueueTimerState => ({
  throttleCheckTimeoutId: null,
  throttledUntil: -1,
  pending: [],
  checkPendingRequests: jest.fn(),
  ...state,
});

describe("kafkajs's request queue, without its idle polling", () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_796_000_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('is what kafkajs does otherwise: an idle queue checks itself after 1 ms, again and again', () => {
    const idle = queue();
    idle.checkPendingRequests = jest.fn(() => kafkajsScheduleCheckPendingRequests.call(idle));
    kafkajsScheduleCheckPendingRequests.call(idle);
    jest.advanceTimersByTime(100);
    expect((idle.checkPendingRequests as jest.Mock).mock.calls.length).toBeGreaterThanOrEqual(90);
  });

  it('schedules nothing for a queue with nothing pending and no throttle', () => {
    const idle = queue();
    idle.checkPendingRequests = jest.fn(() => scheduleCheckPendingRequests.call(idle));
    scheduleCheckPendingRequests.call(idle);
    jest.advanceTimersByTime(1_000);
    expect(idle.checkPendingRequests).not.toHaveBeenCalled();
    expect(idle.throttleCheckTimeoutId).toBeNull();
  });

  it("checks pending requests after kafkajs's 10 ms, or when the throttle ends, once", () => {
    const pending = queue({ pending: [{}] });
    scheduleCheckPendingRequests.call(pending);
    scheduleCheckPendingRequests.call(pending); // a timer is set already: not a second one
    jest.advanceTimersByTime(9);
    expect(pending.checkPendingRequests).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(pending.checkPendingRequests).toHaveBeenCalledTimes(1);
    expect(pending.throttleCheckTimeoutId).toBeNull();

    const throttled = queue({ throttledUntil: Date.now() + 250 });
    scheduleCheckPendingRequests.call(throttled);
    jest.advanceTimersByTime(249);
    expect(throttled.checkPendingRequests).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(throttled.checkPendingRequests).toHaveBeenCalledTimes(1);
  });
});

describe('createKafkaClient', () => {
  it("installs the fix on kafkajs's own RequestQueue class", async () => {
    const { default: RequestQueue } = await import('kafkajs/src/network/requestQueue/index.js');
    const { createKafkaClient } = await import('./create-kafka-client');
    createKafkaClient(['127.0.0.1:1'], 'fix-check', {
      log: () => undefined,
      error: () => undefined,
      warn: () => undefined,
    });
    expect((RequestQueue.prototype as Record<string, unknown>).scheduleCheckPendingRequests).toBe(
      scheduleCheckPendingRequests,
    );
  });
});
