import type { ApiClient } from '@app/api-client';
import { answer, api, ApiError, dataOf } from '../api';

/**
 * The records an auditor opens, each a stream of one service: where its reads are (`<path>/{id}` and
 * `<path>/{id}/history`) and which words name its statuses (`<statusWords>.<status>`).
 */
export const STREAM_KINDS = {
  case: { client: 'roadCases', path: '/cases', statusWords: 'caseStatus' },
  report: { client: 'monitoring', path: '/reports', statusWords: 'reportStatus' },
  fine: { client: 'fines', path: '/fines', statusWords: 'fineStatus' },
  programme: { client: 'budgets', path: '/programmes', statusWords: 'programmeStatus' },
  raid: { client: 'monitoring', path: '/raids', statusWords: 'raidStatus' },
  controlDocument: { client: 'monitoring', path: '/control-documents', statusWords: 'controlDocumentStatus' },
  contract: { client: 'budgets', path: '/contracts', statusWords: 'contractStatus' },
  institution: { client: 'budgets', path: '/institutions', statusWords: 'institutionStatus' },
} as const;
export type StreamKind = keyof typeof STREAM_KINDS;
export const STREAM_KIND_NAMES = Object.keys(STREAM_KINDS) as StreamKind[];
export const isStreamKind = (value: string): value is StreamKind => value in STREAM_KINDS;

/**
 * A stream's reads are the same in every service (libs/event-store's StreamReads and AuditController), so they are
 * typed by road-cases' document and sent to the kind's own service: only the resource's path differs.
 */
const clientOf = (kind: StreamKind) => api[STREAM_KINDS[kind].client] as unknown as ApiClient<'road-cases'>;
const resource = (kind: StreamKind, route: '' | '/history') =>
  `${STREAM_KINDS[kind].path}/{id}${route}` as '/cases/{id}/history';

type HistoryAnswer = Awaited<ReturnType<typeof historyPage>>['data'];
export type StreamEvent = HistoryAnswer['events'][number];

const historyPage = (kind: StreamKind, id: string, afterVersion: number) =>
  answer(
    clientOf(kind).GET(resource(kind, '/history'), { params: { path: { id }, query: { afterVersion, limit: 500 } } }),
  );

/** Every event of the stream, oldest first, with its metadata and hashes (read a page of 500 at a time). */
export async function streamHistory(kind: StreamKind, id: string): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for (let after: number | null = 0; after !== null;) {
    const { data }: { data: HistoryAnswer } = await historyPage(kind, id, after);
    events.push(...data.events);
    after = data.nextAfterVersion;
  }
  return events;
}

/** The record as its events folded it up to a moment (`?asOf=`): the service's state of it then. */
export interface RecordAsOf {
  status: string;
  version: number;
  asOf: string;
  asOfRecordedAt: string | null;
  [field: string]: unknown;
}

export async function recordAsOf(kind: StreamKind, id: string, asOf: string): Promise<RecordAsOf> {
  const read = clientOf(kind).GET(resource(kind, '') as unknown as '/cases/{id}', {
    params: { path: { id }, query: { asOf } },
  });
  return (await dataOf(read)) as unknown as RecordAsOf;
}

/**
 * Just after an event: its recorded time rounded up to the next millisecond. The log keeps microseconds and an
 * answer shows milliseconds, so the event's own time as shown could fall just before it was recorded.
 */
export const justAfter = (recordedAt: string) => new Date(Date.parse(recordedAt) + 1).toISOString();

/** The stream's hash chain recomputed now by its service (GET /audit/verify?streamId=). */
export async function verifyChain(kind: StreamKind, id: string) {
  return (await dataOf(clientOf(kind).GET('/audit/verify', { params: { query: { streamId: id } } }))) as {
    ok: boolean;
    eventsChecked: number;
    checkedAt: string;
    problems: { kind: string; streamVersion: number; eventId: string; detail: string }[];
  };
}

/** Where an event stands in its service's transparency log. */
export type Inclusion =
  | { state: 'included'; leafIndex: number; treeSize: number; signer: string; witnesses: string[] }
  | { state: 'pending' }
  | { state: 'unknown' };

/**
 * The event's receipt (GET /audit/receipts/{eventId}): its leaf in the Merkle log and the first signed checkpoint
 * that includes it, with who signed and cosigned that checkpoint; pending until a checkpoint covers it.
 */
export async function inclusionOf(kind: StreamKind, eventId: string): Promise<Inclusion> {
  try {
    const read = clientOf(kind).GET('/audit/receipts/{eventId}', { params: { path: { eventId } } });
    const { data } = await answer(read);
    const [signer = '', ...witnesses] = noteSigners(data.checkpoint);
    return { state: 'included', leafIndex: data.leafIndex, treeSize: data.treeSize, signer, witnesses };
  } catch (error) {
    if (error instanceof ApiError && error.retryAfterSeconds !== undefined) return { state: 'pending' };
    return { state: 'unknown' };
  }
}

/** The names on a C2SP signed note's signature lines ("— <name> <signature>", after the blank line), in order. */
export function noteSigners(note: string): string[] {
  const signatures = note.slice(note.indexOf('\n\n') + 2);
  return [...signatures.matchAll(/^\u2014 (\S+) \S+$/gm)].map((m) => m[1]);
}

/** The services an auditor's thread is read from, as the console's clients name them. */
const THREAD_SERVICES = ['budgets', 'monitoring', 'roadCases', 'fines'] as const;
export type ThreadService = (typeof THREAD_SERVICES)[number];

type ThreadAnswer = Awaited<ReturnType<typeof threadPage>>['data'];
/** One event of a thread, with the service that recorded it. */
export type ThreadEvent = ThreadAnswer['events'][number] & { service: ThreadService };

const threadPage = (service: ThreadService, correlationId: string, afterPosition: string | undefined) =>
  answer(
    (api[service] as unknown as ApiClient<'road-cases'>).GET('/audit/events', {
      params: { query: { correlationId, ...(afterPosition ? { afterPosition } : {}) } },
    }),
  );

/** A service's events of one correlation id, every page. */
async function threadOfService(service: ThreadService, correlationId: string): Promise<ThreadEvent[]> {
  const events: ThreadEvent[] = [];
  for (let after: string | undefined, more = true; more;) {
    const { data }: { data: ThreadAnswer } = await threadPage(service, correlationId, after);
    events.push(...data.events.map((event) => ({ ...event, service })));
    after = data.nextAfterPosition;
    more = after !== undefined;
  }
  return events;
}

/**
 * One thread across the four services, as `npm run audit:thread` reads it: every event carrying the correlation id
 * (GET /audit/events of each service), merged by the time it was recorded. A service that cannot be read is named in
 * `unread`, so a gap in the thread is never silent.
 */
export async function threadAcross(
  correlationId: string,
): Promise<{ events: ThreadEvent[]; unread: { service: ThreadService; error: unknown }[] }> {
  const read = await Promise.allSettled(THREAD_SERVICES.map((service) => threadOfService(service, correlationId)));
  const events = read.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  events.sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || a.streamVersion - b.streamVersion);
  const unread = read.flatMap((r, i) =>
    r.status === 'rejected' ? [{ service: THREAD_SERVICES[i], error: r.reason }] : [],
  );
  return { events, unread };
}

/** The record an event of a thread belongs to, when the auditor's page can open it. */
const KIND_OF_STREAM: Record<string, StreamKind> = {
  RoadCase: 'case',
  Report: 'report',
  Fine: 'fine',
  Programme: 'programme',
  Raid: 'raid',
  ControlDocument: 'controlDocument',
  Contract: 'contract',
  Institution: 'institution',
};
export const streamKindOf = (streamType: string): StreamKind | undefined => KIND_OF_STREAM[streamType];
