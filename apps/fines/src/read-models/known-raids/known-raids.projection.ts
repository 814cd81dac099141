import { inlineProjection, projectionTableDdl } from '@app/event-store';

export const KNOWN_RAID_STREAM = 'KnownRaid';

/**
 * Raids fines learned from monitoring's RaidPlanned (recorded as its own RaidRecorded events, so this rebuilds too):
 * a raid's offence is a fine of the raid's district, which is where budgets books the revenue.
 */
export const knownRaidsProjection = inlineProjection({
  name: 'known-raids',
  table: 'known_raids',
  handles: (event) => event.type === 'RaidRecorded',
  createTable: (table) => projectionTableDdl(table, ['raid_id text PRIMARY KEY', 'district text NOT NULL']),
  async applyEvent(manager, table, e) {
    const d = e.data as { raidId: string; district: string };
    await manager.query(
      `INSERT INTO ${table} (raid_id, district) VALUES ($1, $2) ON CONFLICT (raid_id) DO UPDATE SET district = EXCLUDED.district`,
      [d.raidId, d.district],
    );
  },
});
