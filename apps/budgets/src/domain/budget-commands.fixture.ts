import type { Command } from '@app/domain-kernel';

export const OFFICIAL = { id: 'official-1', role: 'official' };
export const NOW = new Date('2026-03-02T06:00:00.000Z');

let sequence = 0;
/** A command as the application layer builds it: time and actor in its metadata. */
export function command<C extends Command>(type: C['type'], data: C['data'], now = NOW, actor = OFFICIAL): C {
  sequence++;
  return { type, data, metadata: { now, actor, correlationId: `corr-${sequence}`, requestId: `req-${sequence}` } } as C;
}
