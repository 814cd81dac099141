import type { IntegrationEnvelope } from './integration-envelope';

/**
 * The checks of IntegrationEnvelope's decorators, written out by hand for the consumer's hot path: class-transformer
 * and class-validator took ~80 µs a message here, beside ~150 µs for the signature. The spec beside this file holds it
 * to the decorators' verdict on a corpus of broken envelopes. Returns the problems, [] for a valid envelope.
 */
export function envelopeProblems(raw: unknown): string[] {
  if (!isRecord(raw)) return ['the envelope is not an object'];
  const problems: string[] = [];
  const need = (ok: boolean, problem: string) => ok || problems.push(problem);
  need(typeof raw.eventId === 'string' && UUID_PATTERN.test(raw.eventId), 'eventId must be a UUID');
  need(isText(raw.eventType, 100), 'eventType must be a string of 1 to 100 characters');
  need(isPositiveInteger(raw.schemaVersion), 'schemaVersion must be an integer of at least 1');
  need(isText(raw.streamType, 100), 'streamType must be a string of 1 to 100 characters');
  need(isText(raw.streamId, 200), 'streamId must be a string of 1 to 200 characters');
  need(isPositiveInteger(raw.streamVersion), 'streamVersion must be an integer of at least 1');
  need(typeof raw.occurredAt === 'string' && isStrictIso8601(raw.occurredAt), 'occurredAt must be an ISO 8601 date');
  need(isText(raw.correlationId, 128), 'correlationId must be a string of 1 to 128 characters');
  need(
    raw.causationId === undefined || raw.causationId === null || typeof raw.causationId === 'string',
    'causationId must be a string',
  );
  const actor = raw.actor;
  need(
    isRecord(actor) && isText(actor.id, 200) && isText(actor.role, 50),
    'actor must have an id (1 to 200 characters) and a role (1 to 50)',
  );
  need(typeof raw.hash === 'string' && HASH.test(raw.hash), 'hash must be 64 hex digits');
  need(typeof raw.previousHash === 'string' && HASH.test(raw.previousHash), 'previousHash must be 64 hex digits');
  need(isRecord(raw.payload), 'payload must be an object');
  return problems;
}

/** The envelope, typed, once envelopeProblems found nothing. */
export function asEnvelope(raw: unknown): IntegrationEnvelope {
  return raw as IntegrationEnvelope;
}

/** A UUID in its text form, any version: the one pattern the envelopes, the path parameters and the SQL literals check. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HASH = /^[0-9a-f]{64}$/;
// What the envelopes carry (Date.toISOString); validator's strict ISO 8601 also takes offsets and fewer digits.
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= max;
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** A real calendar date and time (strict: 2020-02-30 is refused, as validator's strict mode does). */
function isStrictIso8601(text: string): boolean {
  const match = ISO_8601.exec(text);
  if (!match) return false;
  const [, y, m, d, hh, mm, ss] = match.map(Number);
  if (m < 1 || m > 12 || hh > 23 || mm > 59 || (match[6] !== undefined && ss > 59)) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d >= 1 && d <= days;
}
