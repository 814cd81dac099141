import type { DataSource } from 'typeorm';
import { jest } from '@jest/globals';
import { RelayWakeUps } from './relay-wake-ups';

/** A clock the test moves, and the NOTIFYs sent on their own (the ones an append did not carry). */
function rig(coalesceMs: number) {
  let now = 0;
  const alone: number[] = [];
  const dataSource = { query: async () => void alone.push(now) } as unknown as DataSource;
  const wakeUps = new RelayWakeUps(dataSource, 'svc_events', coalesceMs, () => now);
  // A millisecond at a time, so a timer sees the clock at its own moment.
  const advance = (ms: number) => {
    for (let i = 0; i < ms; i++) {
      now += 1;
      jest.advanceTimersByTime(1);
    }
  };
  return { wakeUps, alone, advance };
}

describe('RelayWakeUps', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('under steady load, every wake-up rides on an append: none goes alone', () => {
    const { wakeUps, alone, advance } = rig(5);
    const carried: number[] = [];
    for (let ms = 0; ms < 200; ms++) {
      if (wakeUps.takeTurn()) carried.push(ms);
      advance(1);
    }
    expect(alone).toEqual([]);
    // One append in each 5 ms window carries it.
    expect(carried).toHaveLength(40);
    expect(carried.every((at, i) => i === 0 || at - carried[i - 1] === 5)).toBe(true);
  });

  it('sends the trailing wake-up alone when no append comes after a burst, within the window and its grace', () => {
    const { wakeUps, alone, advance } = rig(5);
    expect(wakeUps.takeTurn()).toBe(true); // at 0
    advance(2);
    expect(wakeUps.takeTurn()).toBe(false); // at 2: waits for a carrier
    advance(3);
    expect(alone).toEqual([]);
    advance(3);
    expect(alone).toEqual([6]);
    advance(20);
    expect(alone).toEqual([6]);
  });

  it('with a window of 0 every append carries its own wake-up', () => {
    const { wakeUps, alone } = rig(0);
    expect([wakeUps.takeTurn(), wakeUps.takeTurn(), wakeUps.takeTurn()]).toEqual([true, true, true]);
    expect(alone).toEqual([]);
  });
});
