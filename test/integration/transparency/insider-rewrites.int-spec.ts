import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EventStore } from '@app/event-store';
import { createServiceDataSource } from '@app/platform';
import { generateNoteKey } from '@app/transparency';
import {
  asOwnerWithoutTrigger,
  createTestDatabase,
  http,
  rechainStream,
  eventually,
  rewriteMerkleNodes,
  serviceEnv,
  startServiceProcess,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';
import type { DataSource } from 'typeorm';
import { eventLeafHash } from '@app/event-store';
import type { EventLeafRow } from '../../support/event-leaf-rows';

const run = promisify(execFile);

interface Cli {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of the project's npm scripts' entry points as an operator, auditor or witness would. */
async function cli(script: string, args: string[], env: Record<string, string> = {}): Promise<Cli> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
      env: { ...process.env, ...env },
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

// An insider with the schema owner's rights rewrites history after a witness cosigned a checkpoint. Each rewrite,
// done to its own stream, is named by audit:verify against the signed checkpoint; the rewrite that changes the Merkle
// tree itself is caught by the witness's next run; a receipt saved before it no longer checks out online.
describe('insider rewrites against a signed, witnessed log (real Postgres, a real service process)', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  let admin: DataSource;
  let store: EventStore;
  const dir = mkdtempSync(join(tmpdir(), 'insider-'));
  const key = generateNoteKey('integrity-square.test/road-cases');
  const keyFile = join(dir, 'road-cases.vkey');
  const witnessState = join(dir, 'witness');
  const schema = 'road_cases';
  /** The insider's SQL on the events table, run as its owner with the append-only trigger off. */
  const asOwnerOnEvents = (sql: string, params?: unknown[]) =>
    asOwnerWithoutTrigger(admin, schema, 'events', sql, params);
  const streams = ['edited', 'shortened', 'deleted', 'swapped', 'retimed', 'inserted', 'replaced', 'merkle'].map(
    (s) => `case-${s}`,
  );
  const env = () => serviceEnv(db.url, 'insider', { CHECKPOINT_SIGNING_KEY: key.skey, CHECKPOINT_INTERVAL_MS: '200' });
  const metadata = {
    now: new Date('2026-06-01T10:00:00Z'),
    actor: { id: 'insp-1', role: 'inspector' },
    correlationId: 'c-1',
    requestId: 'r-1',
  };

  const latestSize = async () =>
    (await http('GET', `${service.url}/audit/checkpoints?fromSize=0&limit=1000`)).body.checkpoints.at(-1)?.size ?? 0;
  const eventCount = async () => Number((await admin.query(`SELECT count(*)::int AS n FROM ${schema}.events`))[0].n);
  const waitForCheckpointOfAll = async () => {
    const n = await eventCount();
    await eventually(latestSize, (size) => size >= n, { timeoutMs: 20_000, what: `a checkpoint of ${n} events` });
  };
  const witness = () => cli('audit-witness', ['--url', service.url, '--key', keyFile, '--state', witnessState]);
  const verify = async (extra: string[] = []) => {
    const result = await cli('audit-verify', ['--service', 'road-cases', '--key', keyFile, '--json', ...extra], {
      DATABASE_URL: db.url,
    });
    return { ...result, report: result.stdout ? JSON.parse(result.stdout) : undefined };
  };
  const row = async (streamId: string, version: number) =>
    (
      await admin.query(`SELECT * FROM ${schema}.events WHERE stream_id = $1 AND stream_version = $2`, [
        streamId,
        version,
      ])
    )[0];

  beforeAll(async () => {
    writeFileSync(keyFile, `${key.vkey}\n`);
    db = await createTestDatabase('insider');
    service = await startServiceProcess('road-cases', env());
    admin = createServiceDataSource({ databaseUrl: db.url, schema, migrations: [], applicationName: 'insider' });
    await admin.initialize();
    store = new EventStore(admin, schema);
    for (const streamId of streams.slice(0, -1)) {
      await store.appendToStream({
        streamType: 'RoadCase',
        streamId,
        expectedVersion: 0,
        metadata,
        events: [1, 2, 3, 4].map((n) => ({ type: 'Noted', data: { n } })),
      });
    }
    // The stream whose Merkle leaves are rewritten comes in a checkpoint of its own, so older checkpoints can narrow the rewrite to it.
    await waitForCheckpointOfAll();
    expect((await witness()).code).toBe(0);
    await store.appendToStream({
      streamType: 'RoadCase',
      streamId: 'case-merkle',
      expectedVersion: 0,
      metadata,
      events: [1, 2, 3].map((n) => ({ type: 'Noted', data: { n } })),
    });
    await waitForCheckpointOfAll();
  }, 90_000);

  afterAll(async () => {
    await service?.stop();
    await admin?.destroy();
    await db?.drop();
  });

  it('is intact before anyone touches it, and the witness cosigns the checkpoint', async () => {
    const cosigned = await witness();
    expect(cosigned.code).toBe(0);
    const checkpoint = await http('GET', `${service.url}/audit/checkpoint`);
    expect(checkpoint.status).toBe(200);
    expect(String(checkpoint.body)).toMatch(/^integrity-square\.test\/road-cases\n31\n/);
    // The log's signature line and the witness's cosignature line.
    expect(
      String(checkpoint.body)
        .split('\n')
        .filter((l) => l.startsWith('\u2014 ')),
    ).toHaveLength(2);
    const clean = await verify();
    expect(clean.code).toBe(0);
    expect(clean.report.log).toMatchObject({ ok: true, treeSize: 31, leavesChecked: 31, problems: [] });
  });

  it('names each stream an insider rewrote by SQL as the owner, or through the EventStore after deleting its rows', async () => {
    const receiptBefore = await http('GET', `${service.url}/audit/receipts/${(await row('case-merkle', 2)).event_id}`);
    expect(receiptBefore.status).toBe(200);
    writeFileSync(join(dir, 'receipt.json'), JSON.stringify(receiptBefore.body));

    // A payload edited, the chain recomputed with the published rule.
    await asOwnerOnEvents(
      `UPDATE ${schema}.events SET payload = '{"n": 99}' WHERE stream_id = 'case-edited' AND stream_version = 2`,
    );
    await rechainStream(admin, schema, 'case-edited');
    // A stream's last event deleted.
    await asOwnerOnEvents(`DELETE FROM ${schema}.events WHERE stream_id = 'case-shortened' AND stream_version = 4`);
    // A whole stream deleted.
    await asOwnerOnEvents(`DELETE FROM ${schema}.events WHERE stream_id = 'case-deleted'`);
    // Two events swapped (versions 2 and 3), the chain recomputed.
    for (const [from, to] of [
      [2, 1002],
      [3, 2],
      [1002, 3],
    ]) {
      await asOwnerOnEvents(
        `UPDATE ${schema}.events SET stream_version = $2 WHERE stream_id = 'case-swapped' AND stream_version = $1`,
        [from, to],
      );
    }
    await rechainStream(admin, schema, 'case-swapped');
    // recorded_at (what ?asOf= reads) moved by a day, the chain recomputed (scheme 2 hashes it).
    await asOwnerOnEvents(
      `UPDATE ${schema}.events SET recorded_at = recorded_at - interval '1 day' WHERE stream_id = 'case-retimed' AND stream_version = 3`,
    );
    await rechainStream(admin, schema, 'case-retimed');
    // An event inserted in the middle (versions 3.. moved up), the chain recomputed.
    for (const v of [4, 3]) {
      await asOwnerOnEvents(
        `UPDATE ${schema}.events SET stream_version = stream_version + 1 WHERE stream_id = 'case-inserted' AND stream_version = $1`,
        [v],
      );
    }
    const third = await row('case-inserted', 2);
    await admin.query(
      `INSERT INTO ${schema}.events (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata, occurred_at, recorded_at, previous_hash, hash, hash_scheme)
       VALUES (gen_random_uuid(), 'RoadCase', 'case-inserted', 3, 'Noted', 1, '{"n": 2.5}', $1, $2, $3, $4, $4, 2)`,
      [JSON.stringify(third.metadata), third.occurred_at, third.recorded_at, '0'.repeat(64)],
    );
    await rechainStream(admin, schema, 'case-inserted');
    // Through the project's own EventStore: the rows deleted, the stream appended again with other content.
    await asOwnerOnEvents(`DELETE FROM ${schema}.events WHERE stream_id = 'case-replaced'`);
    await store.appendToStream({
      streamType: 'RoadCase',
      streamId: 'case-replaced',
      expectedVersion: 0,
      metadata,
      events: [1, 2, 3, 4].map((n) => ({ type: 'Noted', data: { n: -n } })),
    });

    // The chains alone now say almost everything is fine: that is why the log exists.
    const { report, code } = await verify();
    expect(code).toBe(1);
    const named = (kind: string, streamId: string) =>
      report.log.problems.some((p: { kind: string; streamId?: string }) => p.kind === kind && p.streamId === streamId);
    expect({
      edited: named('altered', 'case-edited'),
      shortened: named('missing', 'case-shortened'),
      deleted: named('stream_gone', 'case-deleted'),
      swapped: named('reordered', 'case-swapped'),
      retimed: named('time_moved', 'case-retimed'),
      inserted: named('inserted', 'case-inserted'),
      replacedMissing: named('missing', 'case-replaced'),
      replacedInserted: named('inserted', 'case-replaced'),
    }).toEqual({
      edited: true,
      shortened: true,
      deleted: true,
      swapped: true,
      retimed: true,
      inserted: true,
      replacedMissing: true,
      replacedInserted: true,
    });
    // The untouched stream is not named.
    expect(report.log.problems.filter((p: { streamId?: string }) => p.streamId === 'case-merkle')).toEqual([]);
    expect(report.log.problems.every((p: { kind: string }) => p.kind !== 'tree_rewritten')).toBe(true);
  });

  it('catches the Merkle tables rewritten to match, by audit:verify, by the witness once the log signs them, and in a saved receipt', async () => {
    // The insider edits case-merkle, re-chains it, then rewrites its leaves and every subtree to match.
    await asOwnerOnEvents(
      `UPDATE ${schema}.events SET payload = '{"n": -2}' WHERE stream_id = 'case-merkle' AND stream_version = 2`,
    );
    await rechainStream(admin, schema, 'case-merkle');
    const leaves: (EventLeafRow & { leaf_index: string })[] = await admin.query(
      `SELECT l.leaf_index, l.event_id, coalesce(e.stream_type, l.stream_type) AS stream_type, coalesce(e.stream_id, l.stream_id) AS stream_id,
                coalesce(e.stream_version, l.stream_version) AS stream_version, coalesce(e.recorded_at, l.recorded_at) AS recorded_at,
                coalesce(e.hash, l.event_hash) AS hash
           FROM ${schema}.merkle_leaves l LEFT JOIN ${schema}.events e USING (event_id) ORDER BY l.leaf_index`,
    );
    const rewritten = leaves.map((l) => (l.stream_id === 'case-merkle' ? l : undefined));
    for (const l of rewritten.filter((x) => x !== undefined)) {
      await asOwnerWithoutTrigger(
        admin,
        schema,
        'merkle_leaves',
        `UPDATE ${schema}.merkle_leaves SET event_hash = $2 WHERE event_id = $1`,
        [l!.event_id, l!.hash],
      );
    }
    const stored: { node_index: string; hash: Buffer }[] = await admin.query(
      `SELECT node_index, hash FROM ${schema}.merkle_nodes WHERE level = 0 ORDER BY node_index`,
    );
    const hashes = stored.map((n, i) => {
      const l = leaves[i];
      return l.stream_id === 'case-merkle'
        ? eventLeafHash({
            eventId: l.event_id,
            streamType: l.stream_type,
            streamId: l.stream_id,
            streamVersion: Number(l.stream_version),
            recordedAt: l.recorded_at.toISOString(),
            hash: l.hash,
          })
        : n.hash;
    });
    await rewriteMerkleNodes(admin, schema, hashes);

    // audit:verify against the database's own signed checkpoints: the root no longer matches, narrowed to case-merkle.
    const { report } = await verify();
    const rewrite = report.log.problems.find(
      (p: { kind: string; streamId?: string }) => p.kind === 'tree_rewritten' && p.streamId === 'case-merkle',
    );
    expect(rewrite?.detail).toMatch(/leaves 28\.\.30 were changed/);

    // The insider removes the checkpoints and restarts the service, which then signs the rewritten tree.
    await asOwnerWithoutTrigger(admin, schema, 'log_cosignatures', `DELETE FROM ${schema}.log_cosignatures`);
    await asOwnerWithoutTrigger(admin, schema, 'log_checkpoints', `DELETE FROM ${schema}.log_checkpoints`);
    await service.stop();
    service = await startServiceProcess('road-cases', env());
    await eventually(latestSize, (size) => size > 0, { timeoutMs: 20_000, what: 'a checkpoint of the rewritten tree' });
    const caught = await witness();
    expect(caught.code).toBe(1);
    expect(caught.stderr + caught.stdout).toMatch(/31/);
    expect(caught.stderr + caught.stdout).toMatch(/32|35|rewrite|fork|not an extension/i);

    // The witness's cosigned checkpoint is what an auditor trusts now: audit:verify against it still sees the rewrite.
    const againstWitness = await verify(['--checkpoint', join(witnessState, 'history.jsonl')]);
    expect(againstWitness.code).toBe(1);
    expect(
      againstWitness.report.log.problems.some(
        (p: { kind: string; streamId?: string }) => p.kind === 'tree_rewritten' && p.streamId === 'case-merkle',
      ),
    ).toBe(true);

    // The receipt saved before the rewrite: still a valid receipt offline, refused against the live log.
    const receiptFile = join(dir, 'receipt.json');
    expect((await cli('audit-check-receipt', [receiptFile, '--key', keyFile])).code).toBe(0);
    const online = await cli('audit-check-receipt', [receiptFile, '--key', keyFile, '--url', service.url]);
    expect(online.code).toBe(1);
    expect(readFileSync(receiptFile, 'utf8')).toContain('case-merkle');
  });
});
