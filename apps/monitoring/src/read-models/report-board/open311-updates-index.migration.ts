import { schemaMigration } from '@app/platform';

/**
 * The reports' events in time order, for Open311's GET servicerequestupdates (open311-updates.queries.ts), which any
 * member of the public may ask for a date window. The events table had no index on occurred_at, so every answer
 * read all of it (or joined every published report to all its events) to keep the window's: a cost that grew with
 * every event ever appended, whatever the window. Through this one the window's events are read in the answer's order
 * and the board is looked up by its key for each. Partial: only the Report stream's events are ever read this way,
 * and the other streams (raids, control documents, notices) need not pay for it on each append. The WHERE is the
 * text of the query's own (REPORT_STREAM when this was written), which the planner must match to use it. The events
 * table is the event store's, created in every service schema (libs/event-store); only monitoring's holds reports.
 */
export const Open311UpdatesIndex1768000000300 = schemaMigration('Open311UpdatesIndex1768000000300', {
  up: (s) => [
    `CREATE INDEX events_report_occurred_at ON "${s}".events (occurred_at, global_position) WHERE stream_type = 'Report'`,
  ],
  down: (s) => [`DROP INDEX "${s}".events_report_occurred_at`],
});
