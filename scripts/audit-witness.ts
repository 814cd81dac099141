// A witness of a service's transparency log, run by anyone who does not trust the operator:
//   npm run audit:witness -- --url <service base URL> --key <log vkey file> --state <dir>
//                            [--witness-key <skey file>] [--witness-name <name>] [--watch <seconds>]
// Each round fetches the latest signed checkpoint, checks the log's signature and origin with --key, checks with an
// RFC 9162 consistency proof that it extends the checkpoint kept in --state (the first one is trusted on first
// use), and only then cosigns it (C2SP tlog-cosignature v1), keeps it, appends it to <state>/history.jsonl and
// POSTs the cosignature to the log. Exit 0: consistent (or, with --watch, stopped by SIGINT/SIGTERM); 1: the log
// misbehaved (not an extension, a bad signature, a wrong origin), the kept state untouched; 2: usage, network or
// runtime error (nothing was concluded).
import {
  CheckpointProblem,
  keyLabel,
  parseWitnessVerifierKey,
  verifyCosignature,
  witnessStep,
  WitnessStateMismatch,
  type NoteVerifier,
  type WitnessStepResult,
} from '@app/transparency';
import { fail, onInterrupt, exitOnHelp, reportFailure, parseOptions } from './cli-support';
import { AuditHttpClient, AuditHttpError } from './transparency/audit-http.client';
import { KeyFileError, readLogKey } from './transparency/log-key.file';
import {
  defaultWitnessName,
  loadWitnessIdentity,
  StateError,
  STATE_FORMAT,
  WitnessStateStore,
  type WitnessIdentity,
} from './transparency/witness-state.store';

const USAGE =
  'usage: npm run audit:witness -- --url <service base URL> --key <log vkey file> --state <dir> ' +
  '[--witness-key <skey file>] [--witness-name <name>] [--watch <seconds>]';

interface Witness {
  client: AuditHttpClient;
  logKey: NoteVerifier;
  store: WitnessStateStore;
  identity: WitnessIdentity;
  say(line: string): void;
  warn(line: string): void;
}

const b64 = (hash: Uint8Array) => Buffer.from(hash).toString('base64');

/** One round. Returns 0 or 1; throws AuditHttpError / StateError for exit 2. */
async function round(w: Witness): Promise<0 | 1> {
  const latestNote = await w.client.latestCheckpoint();
  const kept = w.store.load();
  let result: WitnessStepResult;
  try {
    result = await witnessStep({
      logKey: w.logKey,
      previousNote: kept?.note,
      latestNote,
      witness: w.identity.signer,
      now: Math.floor(Date.now() / 1000),
      consistencyProof: (from, to) => w.client.consistencyProof(from, to),
    });
  } catch (error) {
    if (error instanceof CheckpointProblem) {
      w.warn(`ALARM from ${w.client.url}: ${error.message}; nothing cosigned, the kept state is untouched`);
      return 1;
    }
    if (error instanceof WitnessStateMismatch) throw new StateError(`${w.store.checkpointPath}: ${error.message}`);
    throw error;
  }

  if (result.kind === 'inconsistent') {
    const evidence = w.store.writeEvidence({
      looksLike: result.looksLike,
      message: result.message,
      kept: result.previous,
      served: result.latest,
      url: w.client.url,
      at: new Date(),
    });
    w.warn(`ALARM from ${w.client.url}: ${result.message}`);
    w.warn(`both signed checkpoints are kept in ${evidence}; nothing cosigned, ${w.store.checkpointPath} is untouched`);
    return 1;
  }

  const { latest } = result;
  const from =
    result.kind === 'first_use'
      ? `trust on first use (no checkpoint kept in ${w.store.dir}) →`
      : `${result.previous.size} →`;
  const head = `${latest.origin}: ${from} ${latest.size}, root ${b64(latest.rootHash)}`;
  if (result.kind === 'unchanged' && carriesCosignature(latestNote, w.identity.vkey)) {
    w.say(`${head}: unchanged, already cosigned by ${w.identity.signer.name}`);
    return 0;
  }

  const cosignedAt = new Date().toISOString();
  if (result.kind !== 'unchanged') {
    // History first: a crash between the two leaves a duplicate line at worst, never a cosigned checkpoint missing.
    w.store.appendHistory({
      origin: latest.origin,
      size: latest.size,
      rootHash: b64(latest.rootHash),
      cosignedAt,
      witnessKey: w.identity.vkey,
      note: result.cosignedNote,
    });
  }
  w.store.save({
    format: STATE_FORMAT,
    url: w.client.url,
    origin: latest.origin,
    size: latest.size,
    rootHash: b64(latest.rootHash),
    note: latest.logNote,
    cosignedNote: result.cosignedNote,
    cosignedAt,
    witnessKey: w.identity.vkey,
  });
  const what = result.kind === 'extended' ? 'consistent' : result.kind === 'unchanged' ? 'unchanged' : 'trusted';
  try {
    await w.client.postCosignature(latest.size, w.identity.vkey, result.cosignatureLine);
  } catch (error) {
    if (!(error instanceof AuditHttpError)) throw error;
    w.say(`${head}: ${what}; cosigned by ${w.identity.signer.name} and kept, NOT posted`);
    throw error;
  }
  w.say(`${head}: ${what}; cosigned by ${w.identity.signer.name}, kept and posted`);
  return 0;
}

function carriesCosignature(note: string, vkey: string): boolean {
  try {
    verifyCosignature(note, parseWitnessVerifierKey(vkey));
    return true;
  } catch {
    return false;
  }
}

function interruptibleSleep(ms: number, stopped: { signal?: NodeJS.Signals; wake?: () => void }): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    stopped.wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}

async function main(): Promise<number> {
  exitOnHelp(USAGE);
  const values: Record<string, string | undefined> = parseOptions(
    USAGE,
    'url key state witness-key witness-name watch',
  );
  if (!values.url) fail(`--url is required: the service's base URL, e.g. http://127.0.0.1:3002\n${USAGE}`);
  if (!values.state)
    fail(`--state <dir> is required: where the witness keeps the last checkpoint it cosigned\n${USAGE}`);
  let watchSeconds: number | undefined;
  if (values.watch !== undefined) {
    watchSeconds = Number(values.watch);
    if (!Number.isFinite(watchSeconds) || watchSeconds < 1)
      fail(`--watch must be a number of seconds >= 1, not "${values.watch}"\n${USAGE}`);
  }

  let w: Witness;
  try {
    const logKey = readLogKey(values.key, USAGE);
    const client = new AuditHttpClient(values.url);
    const store = new WitnessStateStore(values.state);
    store.ensureDir();
    const identity = loadWitnessIdentity(
      values.state,
      values['witness-key'],
      values['witness-name'] ?? defaultWitnessName(),
    );
    const stamp = () => (watchSeconds === undefined ? '' : `${new Date().toISOString()} `);
    w = {
      client,
      logKey,
      store,
      identity,
      say: (line) => process.stdout.write(`${stamp()}${line}\n`),
      warn: (line) => process.stderr.write(`${stamp()}${line}\n`),
    };
    if (identity.generated) {
      process.stderr.write(
        `generated the witness key ${identity.signer.name}: publish ${identity.generated.vkeyPath} (${identity.vkey}); ` +
          `keep ${identity.generated.skeyPath} secret and backed up\n`,
      );
    }
    process.stderr.write(
      `witnessing ${client.url} (log key ${keyLabel(logKey)}) as ${keyLabel(identity.signer)}, state in ${store.dir}\n`,
    );
  } catch (error) {
    if (error instanceof KeyFileError || error instanceof StateError || error instanceof AuditHttpError)
      fail(error.message);
    throw error;
  }

  if (watchSeconds === undefined) return round(w).catch(exitTwo);

  const stopped: { signal?: NodeJS.Signals; wake?: () => void } = {};
  onInterrupt((signal) => {
    stopped.signal = signal;
    stopped.wake?.();
  });
  while (stopped.signal === undefined) {
    try {
      if ((await round(w)) === 1) return 1;
    } catch (error) {
      // A log that cannot be reached is not a log that lied: say so and try again next round.
      if (error instanceof StateError) return exitTwo(error);
      if (!(error instanceof AuditHttpError)) throw error;
      w.warn(`${error.message}; trying again in ${watchSeconds} s`);
    }
    if (stopped.signal === undefined) await interruptibleSleep(watchSeconds * 1000, stopped);
  }
  process.stderr.write(`${stopped.signal}: stopped; the last cosigned checkpoint is in ${w.store.checkpointPath}\n`);
  return 0;
}

/** What the operator can act on (a log out of reach, a state file in the way) as its message, else the stack. */
function exitTwo(error: unknown): 2 {
  return reportFailure('audit:witness', error, [AuditHttpError, StateError]);
}

main().then((code) => (process.exitCode = code), exitTwo);
