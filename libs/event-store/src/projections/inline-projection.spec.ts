import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../store/recorded-event';
import { inlineProjection } from './inline-projection';

describe('inlineProjection, a read model applied event by event', () => {
  it('is inline, keeps its declaration, and applies each event in order to the table it is given', async () => {
    const seen: string[] = [];
    const projection = inlineProjection({
      name: 'things',
      table: 'things',
      handles: (event) => event.streamType === 'Thing',
      createTable: (table) => `CREATE TABLE ${table} (id text)`,
      applyEvent: async (_manager, table, event) => void seen.push(`${table}:${event.type}`),
    });
    const events = [{ type: 'A' }, { type: 'B' }] as RecordedEvent[];
    await projection.apply({} as EntityManager, events, 's.things');
    expect(projection.mode).toBe('inline');
    expect(projection.createTable('s.things')).toBe('CREATE TABLE s.things (id text)');
    expect(projection.handles({ streamType: 'Thing' } as RecordedEvent)).toBe(true);
    expect(seen).toEqual(['s.things:A', 's.things:B']);
    expect('applyEvent' in projection).toBe(false);
  });
});
