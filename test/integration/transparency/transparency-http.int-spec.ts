import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkpointsTopic } from '@app/contracts';
import { eventLeafHash } from '@app/event-store';
import {
  cosignCheckpoint,
  generateNoteKey,
  generateWitnessKey,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  parseWitnessSignerKey,
  parseWitnessVerifierKey,
  verifyConsistency,
  verifyInclusion,
} from '@app/transparency';
import {
  bearer,
  createTestDatabase,
  eventually,
  http,
  referenceInclusionPath,
  referenceRoot,
  uniqueNamespace,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';
import { roadReportBody } from '../../support/report-bodies';
import { testKafka } from '../../support/kafka-under-test';
import { spawnService } from '../../support/spawned-services';

const run = promisify(execFile);

// The log's public routes on a real monitoring process (real Postgres and Kafka): a citizen's report answer lists its
// events and their receipts; checkpoints, proofs and receipts verify with the log's key alone; a witness's
// cosignature is taken back and served; Kafka carries each checkpoint; bad input is a 4xx naming the problem.
describe('the transparency log over HTTP and Kafka', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  const dir = mkdtempSync(join(tmpdir(), 'log-http-'));
  const key = generateNoteKey('integrity-square.test/monitoring');
  const vkey = parseVerifierKey(key.vkey);
  const namespace = uniqueNamespace('log-http');
  const roadBody = roadReportBody('Deep pothole by the school');
  const url = (path: string) => `${service.url}${path}`;
  const b64 = (list: string[]) => list.map((h) => Buffer.from(h, 'base64'));
  const latest = async () =>
    parseCheckpoint(openNote((await http('GET', url('/audit/checkpoint'))).body as string, [vkey]).text);

  beforeAll(async () => {
    db = await createTestDatabase('log_http');
    service = await spawnService('monitoring', db, 'log-http', {
      kafkaNamespace: namespace,
      env: { CHECKPOINT_SIGNING_KEY: key.skey, CHECKPOINT_INTERVAL_MS: '200' },
    });
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  const eventIds: string[] = [];

  it("answers a citizen's report with the ids, hashes and receipt paths of the events it appended", async () => {
    for (let i = 0; i < 5; i++) {
      const filed = await http('POST', url('/reports'), {
        body: { ...roadBody, description: `pothole ${i}` },
        headers: bearer('citizen', `citizen-${i}`),
      });
      expect(filed.status).toBe(201);
      expect(filed.body.events).toEqual([
        {
          eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          type: 'ReportSubmitted',
          streamVersion: 1,
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
          receipt: `/audit/receipts/${filed.body.events[0].eventId}`,
        },
      ]);
      const history = await http('GET', url(`/reports/${filed.body.id}/history`), { headers: bearer('auditor') });
      expect(history.body.events[0]).toMatchObject({
        eventId: filed.body.events[0].eventId,
        hash: filed.body.events[0].hash,
      });
      eventIds.push(filed.body.events[0].eventId);
    }
    await eventually(latest, (c) => c.size >= 5, { what: 'a checkpoint of the five reports', timeoutMs: 20_000 });
  });

  it('serves inclusion and consistency proofs that verify against the signed roots and agree with an independent RFC 9162 reading', async () => {
    const checkpoint = await latest();
    const leaves: Buffer[] = [];
    for (const eventId of eventIds) {
      const proof = await http('GET', url(`/audit/proofs/inclusion?eventId=${eventId}&size=${checkpoint.size}`));
      expect(proof.status).toBe(200);
      expect(
        verifyInclusion(
          Buffer.from(proof.body.leafHash, 'base64'),
          proof.body.leafIndex,
          checkpoint.size,
          b64(proof.body.hashes),
          checkpoint.rootHash,
        ),
      ).toBe(true);
      leaves[proof.body.leafIndex] = Buffer.from(proof.body.leafHash, 'base64');
    }
    expect(referenceRoot(leaves.slice(0, checkpoint.size)).equals(Buffer.from(checkpoint.rootHash))).toBe(true);
    const third = await http('GET', url(`/audit/proofs/inclusion?eventId=${eventIds[2]}`));
    expect(b64(third.body.hashes).map((h) => h.toString('hex'))).toEqual(
      referenceInclusionPath(leaves.slice(0, checkpoint.size), third.body.leafIndex).map((h) => h.toString('hex')),
    );
    const older = (await http('GET', url('/audit/checkpoints?fromSize=1&limit=1'))).body.checkpoints[0];
    const consistency = await http('GET', url(`/audit/proofs/consistency?from=${older.size}&to=${checkpoint.size}`));
    expect(consistency.status).toBe(200);
    expect(
      verifyConsistency(
        older.size,
        checkpoint.size,
        b64(consistency.body.hashes),
        Buffer.from(older.rootHash, 'base64'),
        checkpoint.rootHash,
      ),
    ).toBe(true);
  });

  it('refuses bad input with a 4xx naming the problem', async () => {
    const cases: [string, number, RegExp][] = [
      ['/audit/proofs/inclusion?eventId=not-a-uuid', 400, /eventId/],
      [`/audit/proofs/inclusion?eventId=00000000-0000-4000-8000-000000000000`, 404, /not_found|was not found/],
      [`/audit/proofs/inclusion?eventId=${eventIds[0]}&size=999999`, 404, /beyond_tree|holds/],
      ['/audit/proofs/consistency?from=3&to=2', 400, /from/],
      ['/audit/proofs/consistency?from=a&to=2', 400, /from/],
      ['/audit/proofs/consistency?from=1&to=999999', 404, /beyond_tree/],
      ['/audit/checkpoints?limit=100000', 400, /limit/],
      ['/audit/receipts/nope', 400, /uuid|UUID/],
      ['/audit/receipts/00000000-0000-4000-8000-000000000000', 404, /not_found/],
    ];
    for (const [path, status, message] of cases) {
      const answer = await http('GET', url(path));
      expect({ path, status: answer.status }).toEqual({ path, status });
      expect(JSON.stringify(answer.body)).toMatch(message);
    }
  });

  it("takes a witness's cosignature back and serves it with the checkpoint; refuses one that does not verify", async () => {
    const note = (await http('GET', url('/audit/checkpoint'))).body as string;
    const { size } = parseCheckpoint(openNote(note, [vkey]).text);
    const witness = generateWitnessKey('witness.test/alice');
    const cosigned = cosignCheckpoint(note, parseWitnessSignerKey(witness.skey), Math.floor(Date.now() / 1000));
    // cosignCheckpoint appends the witness's line after the log's: the last line of the cosigned note.
    const signature = `${cosigned.trimEnd().split('\n').at(-1)}\n`;
    const [dash, name, sig] = signature.trim().split(' ');
    expect({ dash, name }).toEqual({ dash: '\u2014', name: 'witness.test/alice' });
    const forged = `\u2014 ${name} ${Buffer.from(Buffer.from(sig, 'base64').map((b, i) => (i === 20 ? b ^ 1 : b))).toString('base64')}\n`;
    const refused = await http('POST', url('/audit/cosignatures'), {
      body: { size, witnessKey: witness.vkey, signature: forged },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      error: 'cosignature_refused',
      message: expect.stringMatching(/cosignature refused/),
    });
    const noSuch = await http('POST', url('/audit/cosignatures'), {
      body: { size: size + 1000, witnessKey: witness.vkey, signature },
    });
    expect(noSuch.status).toBe(404);
    const badBody = await http('POST', url('/audit/cosignatures'), { body: { size, witnessKey: 'nope', signature } });
    expect(badBody.status).toBe(400);
    const taken = await http('POST', url('/audit/cosignatures'), {
      body: { size, witnessKey: witness.vkey, signature },
    });
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ size, witness: 'witness.test/alice', added: true });
    const served = (await http('GET', url(`/audit/checkpoints?fromSize=${size}&limit=1`))).body.checkpoints[0]
      .note as string;
    expect(served.endsWith(signature)).toBe(true);
    expect(
      openNote(served, [vkey, parseWitnessVerifierKey(witness.vkey)])
        .verified.map((s) => s.name)
        .sort(),
    ).toEqual(['integrity-square.test/monitoring', 'witness.test/alice']);
  });

  it('hands out receipts that audit:check-receipt verifies offline with the log key alone', async () => {
    const receipt = await eventually(
      () => http('GET', url(`/audit/receipts/${eventIds[4]}`)),
      (r) => r.status === 200,
      { what: 'the receipt', timeoutMs: 20_000 },
    );
    expect(receipt.body.leafHash).toBe(eventLeafHash(receipt.body.leaf).toString('base64'));
    const receiptFile = join(dir, 'receipt.json');
    const keyFile = join(dir, 'monitoring.vkey');
    writeFileSync(receiptFile, JSON.stringify(receipt.body));
    writeFileSync(keyFile, `${key.vkey}\n`);
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/audit-check-receipt.ts', receiptFile, '--key', keyFile],
      { timeout: 60_000 },
    );
    expect(stdout).toContain(eventIds[4]);
    // Another key: not proved.
    const otherKey = join(dir, 'other.vkey');
    writeFileSync(otherKey, `${generateNoteKey('integrity-square.test/monitoring').vkey}\n`);
    await expect(
      run(process.execPath, ['--import', 'tsx', 'scripts/audit-check-receipt.ts', receiptFile, '--key', otherKey], {
        timeout: 60_000,
      }),
    ).rejects.toMatchObject({ code: 1 });
  });

  it('publishes every checkpoint on Kafka <service>.checkpoints, signed by the log', async () => {
    const kafka = testKafka('log-http-test');
    const consumer = kafka.consumer({ groupId: `${namespace}-checkpoint-reader` });
    const seen: { size: number; note: string }[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: `${namespace}.${checkpointsTopic('monitoring')}`, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(message.value!.toString())) });
      const size = (await latest()).size;
      await eventually(
        async () => seen.map((c) => c.size),
        (sizes) => sizes.includes(size),
        { what: `checkpoint ${size} on Kafka`, timeoutMs: 30_000 },
      );
    } finally {
      await consumer.disconnect();
    }
    for (const c of seen) expect(parseCheckpoint(openNote(c.note, [vkey]).text).size).toBe(c.size);
  });
});
