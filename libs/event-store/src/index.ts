export * from './store/recorded-event';
export * from './store/event-store';
export * from './store/log-lock';
export * from './store/append-at-tail';
export * from './store/upcasters';
export * from './store/version-conflict.error';
export * from './store/command-handler';
export * from './aggregates/define-aggregate';
export * from './aggregates/aggregate-commands';
export * from './store/aggregate-loader';
export * from './store/event-store-tables.migration';
export * from './store/event-hash-scheme.migration';
export * from './store/event-trace-contexts';
export * from './integrity/event-hash';
export * from './integrity/stream-verifier';
export * from './integrity/verification-jobs';
export * from './integrity/verification-jobs.migration';
export * from './projections/projection';
export * from './projections/log-position';
export * from './projections/checkpoints';
export * from './projections/checkpointed-reader';
export * from './projections/checkpoint-lag';
export * from './projections/projection-runner';
export * from './projections/projection-rebuilder';
export * from './projections/stream-index.projection';
export * from './projections/statement-projection';
export * from './projections/daily-event-counts.projection';
export * from './projections/builtin-projections';
export * from './projections/projection-tables.migration';
export * from './projections/read-model-columns';
export * from './projections/stream-row-changes';
export * from './projections/inline-projection';
export * from './projections/projection-table-ddl';
export * from './projections/stream-row-projection';
export * from './projections/table-reads';
export * from './http/version-headers';
export * from './http/caller.decorator';
export * from './http/command-answer';
export * from './http/as-of';
export * from './http/history-query.dto';
export * from './http/stream-reads';
export * from './http/command-metadata';
export * from './event-store.module';
export * from './log/event-leaf';
export * from './log/postgres-merkle-store';
export * from './log/log-checkpoints';
export * from './log/checkpoint-issuer';
export * from './log/log-sequencer';
export * from './log/transparency-log';
export * from './log/merkle-log-tables.migration';
export { RECEIPT_FORMAT } from './log/transparency.controller';

import { BuiltinProjectionTables1764200000001 } from './projections/builtin-projections';
import { EventStoreTables1764200000000 } from './store/event-store-tables.migration';
import { EventHashScheme1764800000000 } from './store/event-hash-scheme.migration';
import { MerkleLogTables1765000000000 } from './log/merkle-log-tables.migration';
import { EventTraceContexts1766000000000 } from './store/event-trace-contexts';
import { VerificationJobs1767200000000 } from './integrity/verification-jobs.migration';
import { InboxEventFirstKey1768000000000 } from './store/inbox-event-first-key.migration';
/** Tables every service has because of the event store; each service lists them in its migrations. */
export const eventStoreMigrations = [
  EventStoreTables1764200000000,
  BuiltinProjectionTables1764200000001,
  EventHashScheme1764800000000,
  MerkleLogTables1765000000000,
  EventTraceContexts1766000000000,
  VerificationJobs1767200000000,
  InboxEventFirstKey1768000000000,
];
export * from './log/log-verifier';
