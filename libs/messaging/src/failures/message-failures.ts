import { ContractViolationError } from '@app/contracts';
import { VersionConflictError } from '@app/event-store';
import { DomainError } from '@app/domain-kernel';
import { postgresErrorFields } from '@app/platform';

/**
 * A message whose effect must wait for another fact of this service (budgets' fine revenue before the district's
 * revenue line exists): parked with its reason, retried when the service's own log moves and on a schedule.
 * `awaits` names the fact, for operators (e.g. "revenue line of Taraz for 2020").
 */
export class AwaitingFactError extends Error {
  constructor(
    readonly awaits: string,
    message: string,
  ) {
    super(message);
    this.name = 'AwaitingFactError';
  }
}

/** A failure of the infrastructure, not of the message: the partition pauses and the message is tried again. */
export class TransientFailure extends Error {
  constructor(
    readonly reason: string,
    readonly underlying: Error,
  ) {
    super(`${reason}: ${underlying.message}`);
    this.name = 'TransientFailure';
  }
}

export type FailureKind =
  | { kind: 'transient'; reason: string }
  | { kind: 'awaiting_fact'; awaits: string }
  | { kind: 'contract_violation' }
  | { kind: 'refused' }
  | { kind: 'unknown' };

// SQLSTATE classes and codes that say nothing about the message: the database is away, busy or lost a race.
const TRANSIENT_SQLSTATE: Array<[RegExp, string]> = [
  [/^08/, 'connection'], // connection exception
  [/^57P0[1-3]$/, 'connection'], // admin / crash shutdown, cannot connect now
  [/^53300$/, 'too_many_connections'],
  [/^53/, 'insufficient_resources'],
  [/^40001$/, 'serialization_failure'],
  [/^40P01$/, 'deadlock'],
  [/^55P03$/, 'lock_not_available'],
  [/^57014$/, 'timeout'], // query_canceled: statement timeout
];

const TRANSIENT_MESSAGE: Array<[RegExp, string]> = [
  [/ECONNREFUSED|ECONNRESET|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN/, 'connection'],
  [
    /Connection terminated|connection is closed|Client has encountered a connection error|Connection lost|terminating connection/i,
    'connection',
  ],
  // TypeORM while its pool is closed or not yet open (a shutdown, a reconnect): nothing to do with the message.
  [/Driver not Connected|Cannot use a pool after calling end|pool is (closed|ended)/i, 'connection'],
  [/timeout|ETIMEDOUT|timed out/i, 'timeout'],
  [/too many (clients|connections)/i, 'too_many_connections'],
  [/KafkaJS|broker|leader not available|not leader|request timed out/i, 'broker'],
];

function sqlState(error: unknown): string | undefined {
  const { code } = postgresErrorFields(error);
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** What a failed handling says about the message: retry without end, park, dead-letter, or retry a few times. */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof TransientFailure) return { kind: 'transient', reason: error.reason };
  if (error instanceof AwaitingFactError) return { kind: 'awaiting_fact', awaits: error.awaits };
  // The handler's own retries did not clear it: another writer keeps winning; it clears by itself.
  if (error instanceof VersionConflictError) return { kind: 'transient', reason: 'version_conflict' };
  if (error instanceof ContractViolationError) return { kind: 'contract_violation' };
  if (error instanceof DomainError) return { kind: 'refused' };
  const state = sqlState(error);
  if (state) {
    const match = TRANSIENT_SQLSTATE.find(([pattern]) => pattern.test(state));
    return match ? { kind: 'transient', reason: match[1] } : { kind: 'unknown' };
  }
  const text = `${(error as Error)?.name ?? ''} ${(error as Error)?.message ?? String(error)} ${(error as { code?: unknown })?.code ?? ''}`;
  const match = TRANSIENT_MESSAGE.find(([pattern]) => pattern.test(text));
  return match ? { kind: 'transient', reason: match[1] } : { kind: 'unknown' };
}
