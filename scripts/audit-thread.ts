// One thread of events across the four services, for auditors:
//   npm run audit:thread -- <report id | correlation id> [--asOf <ISO time>] [--json]
//     [--budgets URL --monitoring URL ... (every service)]
// A monitoring report id is turned into its correlation id (the first event of GET /reports/{id}/history); the thread
// is GET /audit/events?correlationId= of every service, merged in time order. With --asOf each stream involved is
// shown as it stood then (GET <resource>/{id}?asOf=); every stream is checked against its hash chain (GET /audit/verify),
// and every event is proved by inclusion in a signed checkpoint of its service (GET /audit/receipts/{eventId}, checked
// with <keys dir>/<service>.vkey; --keys defaults to <data dir>/keys, where the embedded default writes them).
// Exit 0 when every stream verifies and every event is proved, 1 when one is not (or a service fails), 2 on usage errors.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkReceipt, parseReceipt } from '@app/event-store/receipts';
import type { NoteVerifier } from '@app/transparency';
import { readLogKey } from './transparency/log-key.file';
import { fail } from './cli-support';
import type { Client } from 'openapi-fetch';
import type { ServicePaths } from '@app/api-client';
import { SERVICE_NAMES, type ServiceName } from '@app/contracts';
import {
  as,
  createClients,
  DEFAULT_URLS,
  URL_OPTIONS,
  URL_USAGE,
  expectStatus,
  jwtSecret,
  Tokens,
  type Clients,
} from './demo-support';

const USAGE = `usage: npm run audit:thread -- <report id | correlation id> [--asOf <ISO time>] [--keys <dir of <service>.vkey>] [--json] [${URL_USAGE}]`;

/** The audit routes every service mounts from libs/event-store: the same in each service's document. */
type AuditPaths = Pick<ServicePaths[ServiceName], '/audit/events' | '/audit/verify' | '/audit/receipts/{eventId}'>;
const auditOf = (api: Clients, service: ServiceName): Client<AuditPaths> => api[service];

type AuditEvent = AuditPaths['/audit/events']['get']['responses'][200]['content']['application/json']['events'][number];
type ThreadEvent = AuditEvent & { service: ServiceName };

/** A stream read as it stood at a time (GET <resource>/{id}?asOf=), where its service has such a route. */
async function readAsOf(
  api: Clients,
  service: ServiceName,
  streamType: string,
  id: string,
  asOf: string,
  token: string,
) {
  const query = { query: { asOf } };
  const headers = as(token);
  const read = (route: string, call: Promise<{ data?: unknown; response: Response }>) =>
    call.then(({ data, response }) => ({ route: `${route}/{id}?asOf=`, status: response.status, state: data ?? null }));
  switch (`${service}/${streamType}`) {
    case 'budgets/Institution':
      return read(
        '/institutions',
        api.budgets.GET('/institutions/{bin}', { params: { path: { bin: id }, ...query }, headers }),
      );
    case 'budgets/Programme':
      return read('/programmes', api.budgets.GET('/programmes/{id}', { params: { path: { id }, ...query }, headers }));
    case 'budgets/Contract':
      return read('/contracts', api.budgets.GET('/contracts/{id}', { params: { path: { id }, ...query }, headers }));
    case 'monitoring/Report':
      return read('/reports', api.monitoring.GET('/reports/{id}', { params: { path: { id }, ...query }, headers }));
    case 'monitoring/Raid':
      return read('/raids', api.monitoring.GET('/raids/{id}', { params: { path: { id }, ...query }, headers }));
    case 'road-cases/RoadCase':
      return read('/cases', api['road-cases'].GET('/cases/{id}', { params: { path: { id }, ...query }, headers }));
    case 'fines/Fine':
      return read('/fines', api.fines.GET('/fines/{id}', { params: { path: { id }, ...query }, headers }));
    default:
      return { route: null, status: 0, state: null };
  }
}

interface StreamResult {
  service: ServiceName;
  streamType: string;
  streamId: string;
  events: number;
  verified: boolean;
  eventsChecked: number;
  problems: unknown[];
  asOf?: { route: string | null; status: number; state: unknown };
}

function parse() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        asOf: { type: 'string' },
        keys: { type: 'string' },
        json: { type: 'boolean', default: false },
        ...URL_OPTIONS,
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (positionals.length !== 1 || !positionals[0].trim()) fail(`give one report id or correlation id\n${USAGE}`);
  const id = positionals[0].trim();
  if (id.length > 128) fail('the id is longer than 128 characters');
  const asOf = values.asOf as string | undefined;
  if (asOf !== undefined && Number.isNaN(Date.parse(asOf)))
    fail(`--asOf must be an ISO 8601 time, not "${asOf}"\n${USAGE}`);
  const urls = {} as Record<ServiceName, string>;
  for (const service of SERVICE_NAMES) {
    const raw = (values[service] as string | undefined) ?? DEFAULT_URLS[service];
    try {
      new URL(raw);
    } catch {
      fail(`--${service} must be a URL, not "${raw}"\n${USAGE}`);
    }
    urls[service] = raw.replace(/\/+$/, '');
  }
  const keysDir = (values.keys as string | undefined) ?? join(process.env.INTEGRITY_DATA_DIR ?? '.data', 'keys');
  return {
    id,
    asOf: asOf === undefined ? undefined : new Date(asOf).toISOString(),
    json: values.json as boolean,
    urls,
    keysDir,
  };
}

/** A short line of what an event changed: its scalar fields (ids shortened), nested values summarised. */
function changeSummary(data: Record<string, unknown>, max = 110): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    let text: string;
    if (Array.isArray(value)) text = `[${value.length}]`;
    else if (typeof value === 'object') text = '{…}';
    else text = String(value);
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(text)) text = `${text.slice(0, 8)}…`;
    if (text.length > 40) text = `${text.slice(0, 37)}…`;
    parts.push(`${key}=${text}`);
  }
  const line = parts.join(' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

async function run(): Promise<number> {
  const { id, asOf, json, urls, keysDir } = parse();
  const secret = jwtSecret();
  if (!secret)
    fail(
      `No JWT_SECRET in the environment and no ${join(process.env.INTEGRITY_DATA_DIR ?? '.data', 'jwt-secret')} yet (npm start makes one; INTEGRITY_DATA_DIR names its data folder).`,
    );
  const auditor = new Tokens(secret).get('auditor', 'audit-thread');
  const api = createClients(urls);

  // A report id → its correlation id; anything else is taken as a correlation id.
  let correlationId = id;
  let reportId: string | null = null;
  const history = await api.monitoring.GET('/reports/{id}/history', {
    params: { path: { id }, query: { limit: 1 } },
    headers: as(auditor),
  });
  if (history.data && history.data.events.length > 0) {
    reportId = id;
    correlationId = history.data.events[0].metadata.correlationId;
  } else if (history.response.status !== 404 && history.response.status !== 400) {
    throw new Error(
      `monitoring GET /reports/${id}/history answered ${history.response.status}: ${JSON.stringify(history.error ?? history.data).slice(0, 300)}`,
    );
  }
  process.stderr.write(`audit-thread: correlation id ${correlationId}${reportId ? ` (of report ${reportId})` : ''}\n`);

  const perService = await Promise.all(
    SERVICE_NAMES.map(async (service) => {
      // The thread a page at a time, as the service hands it out.
      const found: ThreadEvent[] = [];
      let afterPosition: string | undefined;
      do {
        const page = await expectStatus(
          [200],
          auditOf(api, service).GET('/audit/events', {
            params: { query: { correlationId, ...(afterPosition ? { afterPosition } : {}) } },
            headers: as(auditor),
          }),
        );
        found.push(...page.events.map((e): ThreadEvent => ({ ...e, service })));
        afterPosition = page.nextAfterPosition;
      } while (afterPosition);
      return found;
    }),
  );
  const serviceOrder = (s: ServiceName) => SERVICE_NAMES.indexOf(s);
  const events = perService
    .flat()
    .sort(
      (a, b) =>
        Date.parse(a.recordedAt) - Date.parse(b.recordedAt) ||
        serviceOrder(a.service) - serviceOrder(b.service) ||
        Number(a.globalPosition) - Number(b.globalPosition),
    );

  // The streams involved: verified against their hash chains, and read as of --asOf where the service has a route.
  const streams = new Map<string, StreamResult>();
  for (const e of events) {
    const key = `${e.service}|${e.streamId}`;
    const entry = streams.get(key) ?? {
      service: e.service,
      streamType: e.streamType,
      streamId: e.streamId,
      events: 0,
      verified: false,
      eventsChecked: 0,
      problems: [],
    };
    entry.events++;
    streams.set(key, entry);
  }
  await Promise.all(
    [...streams.values()].map(async (s) => {
      const verify = await expectStatus(
        [200],
        auditOf(api, s.service).GET('/audit/verify', {
          params: { query: { streamId: s.streamId } },
          headers: as(auditor),
        }),
      );
      // With a streamId the route recomputes that chain now and answers its report (never a job to poll).
      if (!('problems' in verify) || 'jobId' in verify)
        throw new Error(`${s.service} answered GET /audit/verify?streamId= without a stream's report`);
      s.verified = verify.ok === true;
      s.eventsChecked = verify.eventsChecked;
      s.problems = verify.problems;
      if (asOf) s.asOf = await readAsOf(api, s.service, s.streamType, s.streamId, asOf, auditor);
    }),
  );
  const results = [...streams.values()];
  const proofs = await proveByInclusion(api, events, keysDir);
  const allVerified = results.every((s) => s.verified) && proofs.every((p) => p.proved);

  if (json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          correlationId,
          reportId,
          asOf: asOf ?? null,
          services: [...new Set(events.map((e) => e.service))],
          events: events.map((e) => ({
            service: e.service,
            type: e.type,
            streamType: e.streamType,
            streamId: e.streamId,
            streamVersion: e.streamVersion,
            actor: `${e.metadata.actorRole}:${e.metadata.actorId}`,
            recordedAt: e.recordedAt,
            summary: changeSummary(e.data),
            data: e.data,
          })),
          streams: results,
          inclusion: proofs,
          allVerified,
        },
        null,
        2,
      )}\n`,
    );
    return allVerified ? 0 : 1;
  }

  const out: string[] = [];
  out.push(
    `Thread ${correlationId}${reportId ? ` (report ${reportId})` : ''}: ${events.length} events in ${streams.size} streams`,
  );
  out.push('');
  for (const e of events) {
    out.push(
      `${e.recordedAt}  ${e.service.padEnd(10)}  ${e.type.padEnd(22)}  ${`${e.streamType}/${e.streamId.slice(0, 8)} v${e.streamVersion}`.padEnd(24)}  ${`${e.metadata.actorRole}:${e.metadata.actorId}`.padEnd(28)}  ${changeSummary(e.data)}`,
    );
  }
  if (asOf) {
    out.push('', `As of ${asOf}:`);
    for (const s of results) {
      const head = `  ${s.service}/${s.streamType} ${s.streamId}`;
      if (!s.asOf?.route) out.push(`${head}: (no as-of read for this stream type)`);
      else if (s.asOf.status === 404) out.push(`${head}: did not exist yet`);
      else if (s.asOf.status !== 200) out.push(`${head}: read answered ${s.asOf.status}`);
      else {
        const state = s.asOf.state as Record<string, unknown>;
        out.push(
          `${head}: v${state.version} status=${String(state.status ?? '-')}  ${changeSummary(Object.fromEntries(Object.entries(state).filter(([k]) => !['id', 'version', 'asOf', 'asOfRecordedAt', 'status'].includes(k))), 120)}`,
        );
      }
    }
  }
  out.push('', 'Hash chains (GET /audit/verify?streamId=):');
  for (const s of results) {
    out.push(
      `  ${s.verified ? 'ok     ' : 'BROKEN '} ${s.service}/${s.streamType} ${s.streamId} (${s.eventsChecked} events checked)${s.problems.length ? ` ${JSON.stringify(s.problems)}` : ''}`,
    );
  }
  out.push('', `Inclusion in the services' signed checkpoints (GET /audit/receipts/{eventId}, keys in ${keysDir}):`);
  for (const p of proofs) out.push(`  ${p.proved ? 'proved ' : 'NOT    '} ${p.service} ${p.eventId} ${p.detail}`);
  out.push(
    '',
    allVerified
      ? 'Every stream of the thread verifies, and every event is in a signed checkpoint.'
      : 'A stream of the thread does NOT verify, or an event is not proved.',
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return allVerified ? 0 : 1;
}

interface InclusionResult {
  service: ServiceName;
  eventId: string;
  proved: boolean;
  detail: string;
}

/** Each event's receipt, checked offline against its service's vkey: the leaf recomputed, the inclusion proof, the signature. */
async function proveByInclusion(api: Clients, events: ThreadEvent[], keysDir: string): Promise<InclusionResult[]> {
  const keys = new Map<ServiceName, NoteVerifier | Error>();
  const keyOf = (service: ServiceName) => {
    if (!keys.has(service)) {
      try {
        keys.set(service, readLogKey(join(keysDir, `${service}.vkey`), USAGE));
      } catch (error) {
        keys.set(service, error as Error);
      }
    }
    return keys.get(service)!;
  };
  return Promise.all(
    events.map(async (e): Promise<InclusionResult> => {
      const key = keyOf(e.service);
      if (key instanceof Error)
        return { service: e.service, eventId: e.eventId, proved: false, detail: key.message.split('\n')[0] };
      // A fresh event may wait a checkpoint interval before a checkpoint covers it.
      for (let attempt = 0; ; attempt++) {
        const {
          data,
          error,
          response: answer,
        } = await auditOf(api, e.service).GET('/audit/receipts/{eventId}', {
          params: { path: { eventId: e.eventId } },
        });
        const body = data ?? error;
        if (answer.status === 404 && error?.error === 'receipt_pending' && attempt < 10) {
          await new Promise((r) => setTimeout(r, 1000));
          continue;
        }
        if (answer.status !== 200)
          return {
            service: e.service,
            eventId: e.eventId,
            proved: false,
            detail: `receipt answered ${answer.status} ${JSON.stringify(body).slice(0, 200)}`,
          };
        try {
          const checked = checkReceipt(parseReceipt(body), key);
          const leaf = checked.receipt.leaf;
          if (
            leaf.eventId !== e.eventId ||
            leaf.hash !== e.hash ||
            leaf.streamId !== e.streamId ||
            leaf.streamVersion !== e.streamVersion ||
            leaf.recordedAt !== e.recordedAt
          )
            return {
              service: e.service,
              eventId: e.eventId,
              proved: false,
              detail: 'the receipt proves another hash than the event the service shows',
            };
          return {
            service: e.service,
            eventId: e.eventId,
            proved: true,
            detail: `leaf ${checked.receipt.leafIndex} of the signed tree of ${checked.receipt.treeSize}`,
          };
        } catch (error) {
          return { service: e.service, eventId: e.eventId, proved: false, detail: (error as Error).message };
        }
      }
    }),
  );
}

function main(): void {
  run()
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      process.stderr.write(`audit-thread failed: ${error.message}\n`);
      process.exit(1);
    });
}

main();
