import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { SERVICE_NAMES } from '@app/contracts';
import type { Role } from '@app/platform';
import { bearer } from '@app/testing';
import { fourServices, operationsOf, type Document, type Operation } from '../support/four-services';
import { hostileHeader, hostileValue, rawBodies, type Hostile } from '../support/hostile-values';

type Parameter = NonNullable<Operation['parameters']>[number];
type Target =
  | { in: 'path' | 'query' | 'header'; name: string }
  | { in: 'body'; path: string[] }
  | { in: 'extra'; name: string }
  | { in: 'raw' };

/** A failure is reproducible from the seed: FUZZ_SEED=<seed> reruns exactly these requests. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** Requests per operation and role; anonymous ones on a guarded route only reach the guard, so they get fewer. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const ANONYMOUS_RUNS = 2;
const SCHEMAS = ['budgets', 'monitoring', 'road_cases', 'fines'];
const BIN = '123456789012';

const rolesOf = (operation: Operation): (Role | undefined)[] => {
  const open = operation.security?.some((requirement) => Object.keys(requirement).length === 0);
  return open ? [undefined] : [undefined, ...(operation.security ?? []).flatMap((r) => (r.bearer ?? []) as Role[])];
};
/**
 * A well-formed value for a path parameter, so the hostile one is the only thing wrong with the request (an Open311
 * resource's extension is a format, so the request reaches its handler).
 */
const validParameter = (name: string) =>
  /bin/i.test(name) ? BIN : name === 'format' ? 'json' : name === 'number' ? '1' : crypto.randomUUID();

/** A well-formed value for a required query parameter, from its schema. */
function validQuery({ name, schema = {} }: Parameter): string {
  if (schema.format === 'uuid') return crypto.randomUUID();
  if (schema.pattern?.includes('W')) return '2020-W10';
  if (schema.pattern) return BIN;
  if (schema.type === 'integer') return String(schema.minimum ?? 1);
  return name === 'limit' ? '10' : 'x';
}

/** Every field of the valid example, nested ones too: each is a place to put a hostile value. */
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix.length ? [prefix] : [];
  const own = prefix.length ? [prefix] : [];
  return [...own, ...Object.entries(value).flatMap(([key, child]) => fieldPaths(child, [...prefix, key]))];
}
function withValue(example: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(example) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}
/** Percent-encoding that also carries a lone surrogate, as WTF-8 does (ED A0 80 for U+D800): text no UTF-8 holds. */
function percentEncode(text: string): string {
  let encoded = '';
  // By code point: a pair stays one character, a lone surrogate comes alone.
  for (const char of text) {
    const code = char.codePointAt(0)!;
    encoded +=
      code >= 0xd800 && code <= 0xdfff
        ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
            .map((byte) => `%${byte.toString(16).toUpperCase()}`)
            .join('')
        : encodeURIComponent(char);
  }
  return encoded;
}
/** How a JSON value travels in a query string: arrays as repeated keys, objects in brackets (the deepest as JSON). */
function queryPairs(name: string, value: unknown, raw: boolean, depth = 0): string {
  const encode = (text: string) => (raw ? text : percentEncode(text));
  if (depth > 40) return `${name}=${encode(JSON.stringify(value))}`;
  if (Array.isArray(value)) return value.map((v) => queryPairs(name, v, raw, depth + 1)).join('&') || `${name}=`;
  if (value === null) return name;
  if (typeof value === 'object')
    return (
      Object.entries(value)
        .map(([k, v]) => queryPairs(`${name}[${k}]`, v, raw, depth + 1))
        .join('&') || `${name}[]=`
    );
  return `${name}=${encode(String(value))}`;
}
const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** What a refusal names: the project's shape has `field`; Open311 answers an array of {code, description}. */
/** An Open311 error in XML (`<errors><error><code/><description/>`), read as the JSON one it mirrors. */
const xmlErrors = (text: string) =>
  text.startsWith('<?xml')
    ? [...text.matchAll(/<description>([^<]*)<\/description>/g)].map((m) => ({
        description: m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
      }))
    : undefined;
function namedIn(body: unknown): string {
  if (Array.isArray(body)) return body.map((e) => String(e?.description ?? '')).join(' ');
  const b = body as { field?: unknown; message?: unknown } | undefined;
  return `${String(b?.field ?? '')} ${String(b?.message ?? '')}`;
}
/** Refused by the shared mechanisms that see every field (the pipes), not by a handler on the merits. */
const byValidation = (body: unknown, kind: string, target: Target) =>
  Array.isArray((body as { fields?: unknown })?.fields) ||
  ['nul', 'lone-surrogate'].includes(kind) ||
  (kind === 'deep' && target.in !== 'path');
function expectedName(target: Target): string | undefined {
  if (target.in !== 'body' && target.in !== 'raw') return target.name;
  if (target.in === 'body') return target.path.at(-1);
  return undefined; // a whole body: any field may be the first wrong one, but one must be named
}
const describeTarget = (t: Target) =>
  t.in === 'body' ? `body.${t.path.join('.')}` : t.in === 'raw' ? 'raw body' : `${t.in} ${t.name}`;

// Every operation of the four committed OpenAPI documents, for every role it names and anonymously, with
// fast-check's hostile values in one path parameter, query parameter or body field at a time (the rest well-formed),
// against the services as processes on real Postgres and Kafka: no 5xx, a 400 names the field, and a refused
// request appended nothing (its X-Correlation-Id is on no event in any service's store).
describe('every route answers hostile input with a 4xx, never a 5xx', () => {
  const { services, db } = fourServices('fuzz');

  it('fuzzes every operation of every service for every role', async () => {
    const started = Date.now();
    const tally = new Map<string, Map<number, number>>();
    const failures: string[] = [];
    const refused = new Map<string, string>();
    const accepted: string[] = [];
    let requests = 0;
    let sequence = 0;

    for (const [serviceIndex, name] of SERVICE_NAMES.entries()) {
      const document = JSON.parse(readFileSync(`docs/openapi/${name}.json`, 'utf8')) as Document;
      const url = services[name].url;
      for (const [index, { path, method, operation }] of operationsOf(document).entries()) {
        const parameters = operation.parameters ?? [];
        // The body's first example (a generated `valid` one, or the first a route declares itself) is the base each
        // hostile value is put into.
        const example = Object.values(operation.requestBody?.content['application/json']?.examples ?? {})[0]?.value;
        const targets: Target[] = [
          ...parameters.map((p) => ({ in: p.in as 'path' | 'query' | 'header', name: p.name })),
          ...(method === 'get' ? [] : fieldPaths(example ?? {}).map((p) => ({ in: 'body' as const, path: p }))),
          ...(method === 'get' ? [] : [{ in: 'raw' as const }, { in: 'extra' as const, name: 'fuzzExtra' }]),
        ];
        if (targets.length === 0) targets.push({ in: 'query', name: 'fuzzExtra' });
        const roles = rolesOf(operation);
        const guarded = roles.length > 1;
        for (const [roleIndex, role] of roles.entries()) {
          const cases = fc.sample(
            fc.record({
              target: fc.constantFrom(...targets),
              hostile: hostileValue,
              header: hostileHeader,
              raw: fc.constantFrom(...rawBodies),
            }),
            // One seed per operation and role, derived from the recorded one: adding a route moves no other's values.
            {
              seed: SEED + serviceIndex * 10_000 + index * 10 + roleIndex,
              numRuns: role || !guarded ? RUNS : ANONYMOUS_RUNS,
            },
          );
          for (const { target, hostile: value, header, raw } of cases) {
            const hostile = target.in === 'header' ? header : value;
            const correlationId = `fuzz-${SEED}-${++sequence}`;
            const answer = await send(
              url,
              path,
              parameters,
              method,
              example,
              target,
              hostile,
              raw,
              role,
              correlationId,
            );
            requests++;
            const klass = target.in === 'raw' ? `raw:${raw.name}` : hostile.kind;
            const counts = tally.get(klass) ?? new Map<number, number>();
            counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
            tally.set(klass, counts);
            const where = `${name} ${method.toUpperCase()} ${path} as ${role ?? 'anonymous'}, ${describeTarget(target)} = ${hostile.kind}${target.in === 'raw' ? `:${raw.name}` : ''} (${correlationId})`;
            if (answer.status >= 500) {
              const logged = services[name]
                .output()
                .split('\n')
                .filter((l) => /error/i.test(l))
                .at(-1);
              failures.push(
                `${where}: ${answer.status} ${answer.text.slice(0, 200)}; logged: ${logged?.slice(0, 600)}`,
              );
            }
            if (answer.status >= 400) refused.set(correlationId, where);
            if (answer.status === 201 || answer.status === 202) accepted.push(correlationId);
            if (answer.status === 400) {
              const expected = expectedName(target);
              const body = answer.json ?? xmlErrors(answer.text);
              const named = namedIn(body);
              // Validation refuses the one field made hostile (the rest is the valid example); a handler refusing
              // on the merits (an institution not registered) may name another, but must name one.
              const strict =
                expected !== undefined && (Array.isArray(body) || byValidation(body, hostile.kind, target));
              const ok = strict ? named.includes(expected) : named.trim().length > 0;
              if (!ok)
                failures.push(`${where}: 400 does not name ${expected ?? 'a field'}: ${answer.text.slice(0, 300)}`);
            }
          }
        }
      }
    }

    // A consumer's append on another service carries the request's correlation id too: wait for the bus to settle.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const appended = await appendedFor(db.url, [...refused.keys()]);
    for (const id of appended) failures.push(`${refused.get(id)}: refused, yet an event carries its correlation id`);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const lines = [...tally.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([klass, counts]) =>
          `  ${klass.padEnd(22)} ${[...counts.entries()]
            .sort(([a], [b]) => a - b)
            .map(([s, n]) => `${s}×${n}`)
            .join(' ')}`,
      );
    process.stdout.write(
      `route fuzz: seed ${SEED}, ${RUNS} runs per operation and role, ${requests} requests, ${refused.size} refused, ${seconds} s\n${lines.join('\n')}\n`,
    );
    expect(requests).toBeGreaterThan(500);
    // The check above can see an append: what was accepted carries its correlation id into the store.
    expect((await appendedFor(db.url, accepted)).length).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  }, 600_000);
});

async function send(
  url: string,
  template: string,
  parameters: Parameter[],
  method: string,
  example: unknown,
  target: Target,
  hostile: Hostile,
  raw: (typeof rawBodies)[number],
  role: Role | undefined,
  correlationId: string,
): Promise<{ status: number; text: string; json: unknown }> {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (target.in !== 'path' || target.name !== name) return validParameter(name);
    // A template may follow a parameter with a dot (`{id}.{format}`): an encoded one stays in the value.
    return hostile.undecoded ? asText(hostile.value) : percentEncode(asText(hostile.value)).replace(/\./g, '%2E');
  });
  const pairs = parameters
    .filter((p) => p.in === 'query' && p.required && !(target.in === 'query' && target.name === p.name))
    .map((p) => `${p.name}=${encodeURIComponent(validQuery(p))}`);
  if (target.in === 'query') pairs.push(queryPairs(target.name, hostile.value, hostile.undecoded === true));
  const query = pairs.length ? `?${pairs.join('&')}` : '';
  let body: string | undefined;
  let contentType = 'application/json';
  let extraHeaders: Record<string, string> = {};
  if (method !== 'get') {
    if (target.in === 'raw') {
      body = raw.body;
      contentType = raw.contentType ?? contentType;
      extraHeaders = raw.headers ?? {};
    } else if (target.in === 'body') body = JSON.stringify(withValue(example, target.path, hostile.value));
    else if (target.in === 'extra') body = JSON.stringify({ ...(example as object), [target.name]: hostile.value });
    else body = JSON.stringify(example ?? {});
  }
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-correlation-id': correlationId,
    ...extraHeaders,
    ...(target.in === 'header' && { [target.name]: String(hostile.value) }),
    ...(role ? bearer(role, `fuzz-${role}`, role === 'contractor' ? BIN : undefined) : {}),
  };
  try {
    const response = await fetch(`${url}${path}${query}`, {
      method: method.toUpperCase(),
      headers,
      body,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  } catch (error) {
    // A dropped connection is as much a server fault as a 500.
    return { status: 599, text: String(error), json: undefined };
  }
}

async function appendedFor(databaseUrl: string, correlationIds: string[]): Promise<string[]> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const union = SCHEMAS.map(
      (s) => `SELECT metadata->>'correlationId' AS id FROM "${s}".events WHERE metadata->>'correlationId' = ANY($1)`,
    ).join(' UNION ');
    const { rows } = await client.query<{ id: string }>(union, [correlationIds]);
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}
