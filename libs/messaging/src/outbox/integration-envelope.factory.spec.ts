import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { ContractViolationError, type AnyPublishedEvent } from '@app/contracts';
import type { RecordedEvent } from '@app/event-store';
import type { MessageBus, OutgoingMessage } from '@app/platform';
import { toIntegrationEnvelope } from './integration-envelope.factory';
import type { OutboxQuarantine, SetAside } from './outbox-quarantine';
import { publishBatch } from './outbox-relay';

class PointV1 {
  @IsInt() x: number;
  @IsInt() y: number;
}

class ThingMovedV1 {
  @IsString() thingId: string;
  @ValidateNested() @Type(() => PointV1) to: PointV1;
}

const moved: AnyPublishedEvent = { eventType: 'ThingMoved', contract: ThingMovedV1, schemaVersion: 1 };

let position = 0;
function recorded(data: Record<string, unknown>, streamId = 'thing-1', type = 'ThingMoved'): RecordedEvent {
  position++;
  return {
    globalPosition: String(position),
    transactionId: String(1000 + position),
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    streamType: 'Thing',
    streamId,
    streamVersion: position,
    type,
    schemaVersion: 1,
    data,
    metadata: { actorId: 'a', actorRole: 'operator', correlationId: 'c', causationId: null, requestId: 'r' },
    occurredAt: new Date('2025-01-01T00:00:00Z'),
    recordedAt: new Date('2025-01-01T00:00:00Z'),
    previousHash: 'p',
    hash: 'h',
    hashScheme: 2,
  };
}

describe('toIntegrationEnvelope publishes the contract, not the stored data', () => {
  it('strips properties the contract does not declare, at the top and inside nested objects', () => {
    const envelope = toIntegrationEnvelope(
      recorded({ thingId: 't', secret: 'iin 123', to: { x: 1, y: 2, owner: 'alice' } }),
      moved,
    );
    expect(envelope.payload).toEqual({ thingId: 't', to: { x: 1, y: 2 } });
    expect(JSON.stringify(envelope)).not.toMatch(/secret|iin 123|owner|alice/);
  });

  it('filters what toPublic returns as well', () => {
    const withToPublic = { ...moved, toPublic: (d: Record<string, unknown>) => ({ ...d, leaked: true }) };
    expect(toIntegrationEnvelope(recorded({ thingId: 't', to: { x: 1, y: 2 } }), withToPublic).payload).toEqual({
      thingId: 't',
      to: { x: 1, y: 2 },
    });
  });

  it('publishes plain JSON, not contract instances', () => {
    const { payload } = toIntegrationEnvelope(recorded({ thingId: 't', to: { x: 1, y: 2 } }), moved) as unknown as {
      payload: { to: object };
    };
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(payload.to)).toBe(Object.prototype);
  });

  it('refuses a payload that fails its contract, naming the nested property', () => {
    const attempt = () => toIntegrationEnvelope(recorded({ thingId: 't', to: { x: 'far', y: 2 } }), moved);
    expect(attempt).toThrow(ContractViolationError);
    expect(attempt).toThrow(/to\.x: x must be an integer/);
  });
});

describe('publishBatch with a quarantine', () => {
  /** An in-memory stand-in for the outbox_quarantine table. */
  function memoryQuarantine() {
    const rows: Array<SetAside & { published: boolean }> = [];
    const quarantine = {
      available: async () => true,
      async stateOf(_db: unknown, events: RecordedEvent[]) {
        const known = new Set(
          rows.filter((r) => events.some((e) => e.eventId === r.event.eventId)).map((r) => r.event.eventId),
        );
        const blocked = new Map<string, string>();
        for (const r of rows)
          if (!r.published && !blocked.has(r.event.streamId)) blocked.set(r.event.streamId, r.event.eventId);
        return { known, blocked };
      },
      async record(_db: unknown, entries: SetAside[]) {
        rows.push(...entries.map((e) => ({ ...e, published: false })));
      },
    };
    return { rows, quarantine: quarantine as unknown as OutboxQuarantine };
  }

  function recordingBus() {
    const sent: OutgoingMessage[] = [];
    return {
      sent,
      bus: { publish: async (messages: OutgoingMessage[]) => void sent.push(...messages) } as unknown as MessageBus,
    };
  }

  it('quarantines an event failing its contract, holds its stream, publishes the rest', async () => {
    const { rows, quarantine } = memoryQuarantine();
    const { sent, bus } = recordingBus();
    const quarantined: Array<[string, number]> = [];
    const publish = publishBatch({
      bus,
      topic: 't',
      published: [moved],
      quarantine,
      onQuarantined: (s, n) => quarantined.push([s, n]),
    });
    const good = recorded({ thingId: 'a', to: { x: 1, y: 1 } }, 'good');
    const bad = recorded({ to: { x: 1, y: 1 } }, 'bad'); // no thingId
    const later = recorded({ thingId: 'b', to: { x: 1, y: 1 } }, 'bad');
    const other = recorded({ thingId: 'c', to: { x: 2, y: 2 } }, 'other');
    const internal = recorded({ anything: true }, 'other', 'ThingNoted');

    expect(await publish([good, bad, later, other, internal], {} as never)).toBe(2);
    expect(sent.map((m) => (m.value as { eventId: string }).eventId)).toEqual([good.eventId, other.eventId]);
    expect(rows.map((r) => [r.event.eventId, r.status])).toEqual([
      [bad.eventId, 'quarantined'],
      [later.eventId, 'held'],
    ]);
    expect(rows[0].error).toMatch(/ThingMovedV1 is invalid: thingId: thingId must be a string/);
    expect(rows[1].error).toContain(bad.eventId);
    expect(quarantined).toEqual([
      ['quarantined', 1],
      ['held', 1],
    ]);

    // The next batch: the stream stays held, others flow; a batch handed out again leaves its recorded events alone.
    const next = recorded({ thingId: 'b', to: { x: 3, y: 3 } }, 'bad');
    expect(await publish([bad, later, next, recorded({ thingId: 'd', to: { x: 0, y: 0 } }, 'good')], {} as never)).toBe(
      1,
    );
    expect(rows.map((r) => r.status)).toEqual(['quarantined', 'held', 'held']);
  });

  it('without a quarantine, an event failing its contract fails the batch (as before)', async () => {
    const { bus, sent } = recordingBus();
    await expect(
      publishBatch({ bus, topic: 't', published: [moved] })([recorded({ to: { x: 1, y: 1 } })]),
    ).rejects.toThrow(ContractViolationError);
    expect(sent).toEqual([]);
  });
});
