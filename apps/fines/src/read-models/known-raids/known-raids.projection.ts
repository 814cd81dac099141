import { inlineProjection, projectionTableDdl, ReadModelColumns } from '@app/event-store';

export const KNOWN_RAID_STREAM = 'KnownRaid';

const knownRaidColumns = new ReadModelColumns({
  raid_id: { type: 'text', constraint: 'PRIMARY KEY' },
  district: { type: 'text', constraint: 'NOT NULL' },
});

/**
 * Raids fines learned from monitoring's RaidPlanned (recorded as its own RaidRecorded events, so this rebuilds too):
 * a raid's offence is a fine of the raid's district, which is where budgets books the revenue.
 */
export const knownRaidsProjection = inlineProjection({
  name: 'known-raids',
  table: 'known_raids',
  handles: (event) => event.type === 'RaidRecorded',
  createTable: (table) => projectionTableDdl(table, [knownRaidColumns.definitions()]),
  async applyEvent(manager, table, e) {
    const { raidId, district } = e.data as { raidId: string; district: string };
    await knownRaidColumns.upsert(manager, table, { raidId, district });
  },
});
