import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../store/recorded-event';
import { ReadModelColumns } from './read-model-columns';
import { streamRowProjection } from './stream-row-projection';

type ThingEvent = { type: 'ThingMade'; data: { name: string } } | { type: 'ThingUsed'; data: { uses: number } };

const board = streamRowProjection<ThingEvent>({
  name: 'thing-board',
  table: 'thing_board',
  streamType: 'Thing',
  columns: new ReadModelColumns({
    thing_id: { type: 'text', constraint: 'PRIMARY KEY' },
    version: { type: 'integer', constraint: 'NOT NULL' },
    name: { type: 'text' },
    used_at: { type: 'timestamptz' },
    uses: { type: 'integer', constraint: 'NOT NULL DEFAULT 0' },
  }),
  indexes: ['name', ['used_at', 'uses > 0']],
  startedBy: 'ThingMade',
  changes: (e, at) => (e.type === 'ThingMade' ? { name: e.data.name } : { used_at: at, more_uses: e.data.uses }),
  relative: { more_uses: (p) => `uses = uses + ${p}::integer` },
});

describe('streamRowProjection, a board of one row per stream', () => {
  it('creates its table in the projections’ layout, with its indexes, and takes the events of its stream type', () => {
    expect(board.createTable('s.t')).toBe(
      '\n    CREATE TABLE s.t (\n      thing_id text PRIMARY KEY,\n      version integer NOT NULL,\n      name text,\n' +
        '      used_at timestamptz,\n      uses integer NOT NULL DEFAULT 0\n    );\n    CREATE INDEX ON s.t (name);\n' +
        '    CREATE INDEX ON s.t (used_at) WHERE uses > 0',
    );
    expect(board.handles({ streamType: 'Thing' } as RecordedEvent)).toBe(true);
    expect(board.handles({ streamType: 'Other' } as RecordedEvent)).toBe(false);
  });

  it('inserts the row on the starting event and updates it, relative changes included, on the others', async () => {
    const calls: [string, unknown[]][] = [];
    const manager = { query: async (sql: string, params: unknown[]) => void calls.push([sql, params]) };
    const event = (type: string, streamVersion: number, data: object) =>
      ({ streamId: 'T1', streamVersion, type, data, occurredAt: new Date('2026-01-02T03:04:05Z') }) as RecordedEvent;
    await board.apply(
      manager as unknown as EntityManager,
      [event('ThingMade', 1, { name: 'a' }), event('ThingUsed', 2, { uses: 3 })],
      's.t',
    );
    expect(calls).toEqual([
      ['INSERT INTO s.t (thing_id, version, name) VALUES ($1, $2, $3::text)', ['T1', 1, 'a']],
      [
        'UPDATE s.t SET version = $2, used_at = $3::timestamptz, uses = uses + $4::integer WHERE thing_id = $1',
        ['T1', 2, '2026-01-02T03:04:05.000Z', 3],
      ],
    ]);
  });
});
