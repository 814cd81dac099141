// Benchmarks the transparency log against a real Postgres, in a scratch database it creates and drops:
//   npm run bench:transparency [-- --seconds 8 --workers 20 --batch 10 --leaves 1000000 --proofs 1000 --json]
// a. the sequencer while writers append (the append rate, measured in the same run, is its ceiling);
// b. inclusion and consistency proofs from the stored subtrees of a tree of --leaves leaves (target p99 < 20 ms);
// c. a witness's run over a day of checkpoints (every 5 s: 17,280 of them), fetch to cosignature (target < 1 s).
// DATABASE_URL names the server (default: the local one; the role needs CREATEDB). Figures are printed beside their
// targets, never asserted: exit 0 whatever they are, 2 on a usage or runtime error.
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import {
  createLogSequencer,
  EventStore,
  eventStoreMigrations,
  LogCheckpoints,
  PostgresMerkleStore,
} from '@app/event-store';
import {
  completeSubtrees,
  consistencyProof,
  formatCheckpoint,
  generateNoteKey,
  generateWitnessKey,
  inclusionProof,
  parseSignerKey,
  parseVerifierKey,
  parseWitnessSignerKey,
  rootHash,
  signNote,
  verifyConsistency,
  verifyInclusion,
  witnessStep,
} from '@app/transparency';
import { fmt, numberArgument, exitOnHelp, parseOptions } from './cli-support';
import * as bench from './bench-support';

const SCHEMA = 'bench';
const TARGET_PROOF_P99_MS = 20;
const TARGET_WITNESS_MS = 1000;
const DAY_OF_CHECKPOINTS = (24 * 3600) / 5;

const USAGE =
  'usage: npm run bench:transparency -- [--seconds 8] [--workers 20] [--batch 10] [--leaves 1000000] [--proofs 1000] [--json]';

function readOptions() {
  const values: Record<string, string | boolean | undefined> = parseOptions(
    USAGE,
    'seconds workers batch leaves proofs',
    { json: { type: 'boolean', default: false } },
  );
  const n = (name: string, fallback: number) => numberArgument(values, name, fallback, 1, USAGE);
  return {
    seconds: n('seconds', 8),
    workers: n('workers', 20),
    batch: n('batch', 10),
    leaves: n('leaves', 1_000_000),
    proofs: n('proofs', 1000),
    json: values.json === true,
  };
}

const ms = (from: number) => performance.now() - from;
const stats = (samples: number[]) => {
  const { p50Ms, p99Ms, maxMs } = bench.latencyFigures(samples, 2);
  return { p50: p50Ms, p99: p99Ms, max: maxMs };
};

/** a. Writers append for `seconds` while one sequencer runs; then how long it takes to catch up. */
async function sequencerUnderAppends(store: EventStore, o: ReturnType<typeof readOptions>) {
  const merkle = new PostgresMerkleStore(store.dataSource, SCHEMA);
  const sequencer = createLogSequencer(store, undefined);
  sequencer.start();
  let appended = 0;
  let stop = false;
  const started = performance.now();
  bench.log(`a. ${o.workers} writers append batches of ${o.batch} for ${o.seconds} s while the sequencer runs`);
  const timer = setTimeout(() => (stop = true), o.seconds * 1000);
  await Promise.all(
    Array.from({ length: o.workers }, async (_, w) => {
      for (let version = 0, n = 0; !stop; version += o.batch) {
        if (version >= 100) [version, n] = [0, n + 1];
        await store.appendToStream({
          streamType: 'BenchCase',
          streamId: `seq-${w}-${n}`,
          expectedVersion: version,
          metadata: bench.benchCommandMetadata(),
          events: Array.from({ length: o.batch }, (_, i) => ({
            type: 'Noted',
            data: { n: version + i, note: randomBytes(16).toString('hex') },
          })),
        });
        appended += o.batch;
      }
    }),
  );
  clearTimeout(timer);
  const appendSeconds = ms(started) / 1000;
  const sequencedAtStop = await merkle.leafCount();
  const catchUpStart = performance.now();
  while ((await merkle.leafCount()) < appended) await new Promise((r) => setTimeout(r, 20));
  const catchUpMs = ms(catchUpStart);
  await sequencer.stop();
  const totalSeconds = ms(started) / 1000;
  return {
    appended,
    appendEventsPerSecond: Math.round(appended / appendSeconds),
    sequencedAtStop,
    lagAtStop: appended - sequencedAtStop,
    catchUpMs: Math.round(catchUpMs),
    sequencedEventsPerSecond: Math.round(appended / totalSeconds),
  };
}

/** b. A tree of `leaves` leaves written straight into the tables (as the sequencer would), then random proofs. */
async function proofsAtScale(store: EventStore, o: ReturnType<typeof readOptions>) {
  const db = store.dataSource;
  const offset = await new PostgresMerkleStore(db, SCHEMA).leafCount();
  const n = o.leaves;
  bench.log(`b. building a tree of ${fmt(n)} leaves (leaf rows, ~${fmt(2 * n)} subtree rows)`);
  const buildStart = performance.now();
  // A fresh schema's tables hold a's leaves; b's tree replaces them so sizes are exactly --leaves.
  await db.query(`ALTER TABLE ${SCHEMA}.merkle_leaves DISABLE TRIGGER merkle_leaves_append_only`);
  await db.query(`ALTER TABLE ${SCHEMA}.merkle_nodes DISABLE TRIGGER merkle_nodes_append_only`);
  await db.query(`TRUNCATE ${SCHEMA}.merkle_leaves, ${SCHEMA}.merkle_nodes`);
  await db.query(`ALTER TABLE ${SCHEMA}.merkle_leaves ENABLE TRIGGER merkle_leaves_append_only`);
  await db.query(`ALTER TABLE ${SCHEMA}.merkle_nodes ENABLE TRIGGER merkle_nodes_append_only`);
  await db.query(
    `INSERT INTO ${SCHEMA}.merkle_leaves (leaf_index, event_id, global_position, stream_type, stream_id, stream_version, recorded_at, event_hash)
     SELECT i, gen_random_uuid(), i + 1, 'BenchCase', 'bench-' || (i / 100), i % 100 + 1, now(), repeat('0', 64) FROM generate_series(0, $1::bigint - 1) i`,
    [n],
  );
  const rows = completeSubtrees(Array.from({ length: n }, () => randomBytes(32)));
  for (let i = 0; i < rows.length; i += 100_000) {
    const chunk = rows.slice(i, i + 100_000);
    await db.query(
      `INSERT INTO ${SCHEMA}.merkle_nodes (level, node_index, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
      [chunk.map((r) => r.level), chunk.map((r) => String(r.index)), chunk.map((r) => r.hash)],
    );
  }
  await db.query(`ANALYZE ${SCHEMA}.merkle_nodes`);
  const buildSeconds = bench.round(ms(buildStart) / 1000, 1);
  const merkle = new PostgresMerkleStore(db, SCHEMA);
  const root = await rootHash(merkle, n);
  const eventIds: string[] = (
    await db.query(`SELECT event_id FROM ${SCHEMA}.merkle_leaves ORDER BY random() LIMIT $1`, [o.proofs])
  ).map((r: { event_id: string }) => r.event_id);
  bench.log(
    `   ${fmt(o.proofs)} inclusion proofs (leaf looked up by event id, as GET /audit/proofs/inclusion does), each verified`,
  );
  const inclusion: number[] = [];
  let inclusionOk = 0;
  for (const eventId of eventIds) {
    const t = performance.now();
    const index = (await merkle.leafIndexOf(eventId))!;
    const [leaf] = await merkle.hashesAt([{ level: 0, index }]);
    const proof = await inclusionProof(merkle, index, n);
    inclusion.push(ms(t));
    if (verifyInclusion(leaf, index, n, proof, root)) inclusionOk++;
  }
  bench.log(`   ${fmt(o.proofs)} consistency proofs from a random older size, each verified`);
  const consistency: number[] = [];
  let consistencyOk = 0;
  for (let i = 0; i < o.proofs; i++) {
    const from = 1 + Math.floor(Math.random() * (n - 1));
    const t = performance.now();
    const proof = await consistencyProof(merkle, from, n);
    consistency.push(ms(t));
    if (verifyConsistency(from, n, proof, await rootHash(merkle, from), root)) consistencyOk++;
  }
  return {
    leaves: n,
    previousLeaves: offset,
    buildSeconds,
    inclusionMs: stats(inclusion),
    inclusionVerified: inclusionOk,
    consistencyMs: stats(consistency),
    consistencyVerified: consistencyOk,
    proofs: o.proofs,
  };
}

/** c. A day of checkpoints over the tree of b; a witness that saw the first one runs once: fetch, verify, prove, cosign. */
async function witnessOverADay(store: EventStore, leaves: number) {
  const db = store.dataSource;
  const key = generateNoteKey('integrity-square.bench/bench');
  const signer = parseSignerKey(key.skey);
  const merkle = new PostgresMerkleStore(db, SCHEMA);
  const checkpoints = new LogCheckpoints(db, SCHEMA);
  const sizes = Array.from({ length: DAY_OF_CHECKPOINTS }, (_, i) =>
    Math.max(1, Math.round(((i + 1) * leaves) / DAY_OF_CHECKPOINTS)),
  );
  bench.log(`c. signing a day of checkpoints (${fmt(sizes.length)}, one every 5 s) over the ${fmt(leaves)} leaves`);
  const signStart = performance.now();
  const dayStart = Date.now() - 24 * 3600 * 1000;
  const notes: string[] = [];
  for (const [i, size] of sizes.entries()) {
    const note = signNote(formatCheckpoint({ origin: signer.name, size, rootHash: await rootHash(merkle, size) }), [
      signer,
    ]);
    notes.push(note);
    if (i === 0 || i === sizes.length - 1)
      await checkpoints.insert({ size, rootHash: Buffer.alloc(32), note, issuedAt: new Date(dayStart + i * 5000) });
  }
  const signSeconds = bench.round(ms(signStart) / 1000, 1);
  const witness = parseWitnessSignerKey(generateWitnessKey('bench-witness').skey);
  const t = performance.now();
  // What one run of audit:witness does after the network: the latest note, its signature, the proof, the cosignature.
  const latest = (await checkpoints.latest())!.note;
  const result = await witnessStep({
    logKey: parseVerifierKey(key.vkey),
    previousNote: notes[0],
    latestNote: latest,
    witness,
    now: Math.floor(Date.now() / 1000),
    consistencyProof: (from, to) => consistencyProof(merkle, from, to),
  });
  const witnessMs = bench.round(ms(t), 1);
  return {
    checkpoints: sizes.length,
    signSeconds,
    witnessMs,
    fromSize: sizes[0],
    toSize: sizes[sizes.length - 1],
    outcome: result.kind,
  };
}

async function main(): Promise<void> {
  exitOnHelp(USAGE);
  const o = readOptions();
  const sample = bench.sampleProcess();
  const scratch = await bench.createScratchDatabase(
    `bench_transparency_${randomUUID().slice(0, 8)}`,
    'bench-transparency',
  );
  let ds: DataSource | undefined;
  try {
    ds = await bench.migratedScratchSchema(scratch, {
      schema: SCHEMA,
      migrations: eventStoreMigrations,
      applicationName: 'bench-transparency',
      poolSize: o.workers + 4,
    });
    const store = new EventStore(ds, SCHEMA);
    const a = await sequencerUnderAppends(store, o);
    const b = await proofsAtScale(store, o);
    const c = await witnessOverADay(store, o.leaves);
    const p = sample.finish();
    if (o.json) {
      process.stdout.write(
        `${JSON.stringify({ server: scratch.server, sequencer: a, proofs: b, witness: c, process: p }, null, 2)}\n`,
      );
      return;
    }
    const rows: bench.TableRow[] = [
      ['a. sequencer under appends', 'appended events/s (the ceiling)', fmt(a.appendEventsPerSecond), ''],
      ['', 'sequenced events/s, writers start to caught up', fmt(a.sequencedEventsPerSecond), ''],
      [
        '',
        'behind when the writers stopped (events)',
        fmt(a.lagAtStop),
        `< ${fmt(a.appendEventsPerSecond)} (1 s of appends)`,
      ],
      ['', 'caught up after (ms)', fmt(a.catchUpMs), '< 1,000 (keeps up)'],
      [
        `b. proofs, ${fmt(b.leaves)} leaves`,
        'inclusion p50 / p99 / max (ms)',
        bench.slashed([b.inclusionMs.p50, b.inclusionMs.p99, b.inclusionMs.max]),
        `p99 < ${TARGET_PROOF_P99_MS}`,
      ],
      [
        '',
        'consistency p50 / p99 / max (ms)',
        bench.slashed([b.consistencyMs.p50, b.consistencyMs.p99, b.consistencyMs.max]),
        `p99 < ${TARGET_PROOF_P99_MS}`,
      ],
      ['', 'proofs verified', `${b.inclusionVerified + b.consistencyVerified} / ${2 * b.proofs}`, `${2 * b.proofs}`],
      ['', 'tree built in (s)', String(b.buildSeconds), ''],
      [
        'c. witness over a day',
        `one run over ${fmt(c.checkpoints)} checkpoints (ms)`,
        String(c.witnessMs),
        `< ${TARGET_WITNESS_MS}`,
      ],
      ['', 'outcome', c.outcome, 'cosigned'],
      ...bench.processRows('process', p),
    ];
    bench.printTable(
      [
        `bench:transparency on ${scratch.server}`,
        `sizes ${fmt(c.fromSize)} → ${fmt(c.toSize)}; a day of checkpoints signed in ${c.signSeconds} s`,
      ],
      rows,
    );
  } finally {
    if (ds?.isInitialized) await ds.destroy();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:transparency failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(2);
});
