import type { EntityManager } from 'typeorm';

/**
 * The lock that makes a transaction an appender in the eyes of the log's readers (appendHorizon): ROW EXCLUSIVE on the
 * schema's events table. An INSERT into the table takes it before the transaction has an id, so a transaction whose
 * first write is its append needs nothing more; a transaction that may write elsewhere before it appends (a consumer's
 * run, a command with writes alongside) takes it as it opens, in the same round trip as its BEGIN. It conflicts only
 * with locks no running service takes on the events table (SHARE and stronger).
 */
export function logLockStatement(schema: string): string {
  return `LOCK TABLE "${schema}".events IN ROW EXCLUSIVE MODE`;
}

/** The query runners (one per transaction) that hold the log lock: opened with it, or past their first append. */
const holders = new WeakSet<object>();

/** Notes that the transaction of `manager` holds the log lock (it opened with logLockStatement, or it appended). */
export function noteLogLockHeld(manager: EntityManager): void {
  if (manager.queryRunner) holders.add(manager.queryRunner);
}

export function holdsLogLock(manager: EntityManager): boolean {
  return manager.queryRunner !== undefined && holders.has(manager.queryRunner);
}

/** An append in a transaction that had written before without the log lock: readers of the log might pass it. */
export class AppendAfterOtherWritesError extends Error {
  constructor(
    readonly schema: string,
    readonly transactionId: string,
  ) {
    super(
      `an append to "${schema}".events must be its transaction's first write, or the transaction must open with the ` +
        `log lock (logLockStatement: EventStore.inStreamTransaction and consumer runs do): transaction ${transactionId} ` +
        `wrote before it, and the log's readers, who wait only for appenders, would not wait for it`,
    );
  }
}
