import type { EntityManager } from 'typeorm';
import { inlineProjection, type RecordedEvent } from '@app/event-store';
import type { RaidEvent } from '../../domain/raid.events';
import { raidBoardColumns } from './raid-board.columns';

export const RAID_STREAM = 'Raid';

async function applyOne(manager: EntityManager, table: string, event: RecordedEvent<RaidEvent>): Promise<void> {
  const e = { type: event.type, data: event.data } as RaidEvent;
  const update = (sql: string, ...values: unknown[]) =>
    manager.query(`UPDATE ${table} SET version = $2, ${sql} WHERE raid_id = $1`, [
      event.streamId,
      event.streamVersion,
      ...values,
    ]);
  switch (e.type) {
    case 'RaidPlanned':
      await manager.query(
        `INSERT INTO ${table} (raid_id, version, status, title, district, planned_for, planned_by) VALUES ($1, $2, 'planned', $3, $4, $5, $6)`,
        [event.streamId, event.streamVersion, e.data.title, e.data.district, e.data.plannedFor, e.data.plannedBy],
      );
      return;
    case 'RaidConducted':
      await update(
        `status = 'conducted', participants = $3::jsonb, conducted_at = $4`,
        JSON.stringify(e.data.participants),
        e.data.conductedAt,
      );
      return;
    case 'DefectFound':
      await update(`defects = defects || jsonb_build_array($3::jsonb)`, JSON.stringify(e.data));
      return;
    case 'OffenceRecorded':
      await update(`offences = offences || jsonb_build_array($3::jsonb)`, JSON.stringify(e.data));
      return;
    case 'RaidClosed':
      await update(`status = 'closed', summary = $3, closed_at = $4`, e.data.summary, e.data.closedAt);
      return;
  }
}

/** One row per raid with its findings (offenders only as the IIN's hash, as the events hold them). */
export const raidBoardProjection = inlineProjection<RecordedEvent<RaidEvent>>({
  name: 'raid-board',
  table: 'raid_board',
  handles: (event) => event.streamType === RAID_STREAM,
  createTable: (table) => `
    CREATE TABLE ${table} (
      ${raidBoardColumns.definitions()}
    );
    CREATE INDEX ON ${table} (status, planned_for)`,
  applyEvent: applyOne,
});
