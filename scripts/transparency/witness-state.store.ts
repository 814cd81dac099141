// What a witness keeps on its own disk (--state <dir>): the last checkpoint it cosigned, the append-only history of
// every checkpoint it cosigned, its key (unless --witness-key is given), and evidence when a log misbehaves.
//   <dir>/checkpoint.json   the last cosigned checkpoint (replaced atomically: temp file, fsync, rename)
//   <dir>/history.jsonl     one JSON line per cosigned checkpoint, appended, never rewritten
//   <dir>/witness.skey      the generated witness key (mode 0600) and <dir>/witness.vkey, its public half
//   <dir>/alarm-<time>.json both signed checkpoints of an inconsistency: the log's own signatures convict it
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  generateWitnessKey,
  parseWitnessSignerKey,
  witnessVerifierKeyOf,
  type VerifiedCheckpoint,
  type WitnessSigner,
} from '@app/transparency';

export const STATE_FORMAT = 'integrity-square/witness-state/v1';

export interface WitnessState {
  format: typeof STATE_FORMAT;
  url: string;
  origin: string;
  size: number;
  rootHash: string;
  /** The checkpoint with the log's signature line only. */
  note: string;
  /** The same with this witness's cosignature line after it. */
  cosignedNote: string;
  cosignedAt: string;
  witnessKey: string;
}

/** One line of history.jsonl. */
export interface HistoryEntry {
  origin: string;
  size: number;
  rootHash: string;
  cosignedAt: string;
  witnessKey: string;
  note: string;
}

/** The state directory cannot be used: the witness did not run its check (exit 2). */
export class StateError extends Error {}

export class WitnessStateStore {
  constructor(readonly dir: string) {}

  get checkpointPath(): string {
    return join(this.dir, 'checkpoint.json');
  }

  get historyPath(): string {
    return join(this.dir, 'history.jsonl');
  }

  ensureDir(): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new StateError(`cannot create the state directory ${this.dir}: ${(error as Error).message}`);
    }
  }

  /** The kept state, or undefined when the directory has none yet. */
  load(): WitnessState | undefined {
    if (!existsSync(this.checkpointPath)) return undefined;
    let state: WitnessState;
    try {
      state = JSON.parse(readFileSync(this.checkpointPath, 'utf8')) as WitnessState;
    } catch (error) {
      throw new StateError(
        `cannot read ${this.checkpointPath}: ${(error as Error).message} (restore it from a backup, or from the last line of ${this.historyPath})`,
      );
    }
    if (state.format !== STATE_FORMAT || typeof state.note !== 'string')
      throw new StateError(`${this.checkpointPath} is not a witness state of format ${STATE_FORMAT}`);
    return state;
  }

  /** Replaces checkpoint.json atomically: a crash leaves the old file or the new one, never half of one. */
  save(state: WitnessState): void {
    writeAtomically(this.checkpointPath, `${JSON.stringify(state, null, 2)}\n`, 0o600);
  }

  /** Appends one line to history.jsonl and syncs it before returning. */
  appendHistory(entry: HistoryEntry): void {
    const fd = openSync(this.historyPath, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Keeps both signed notes of an inconsistency next to the state; returns the file's path. */
  writeEvidence(evidence: {
    looksLike: string;
    message: string;
    kept: VerifiedCheckpoint;
    served: VerifiedCheckpoint;
    url: string;
    at: Date;
  }): string {
    const path = join(this.dir, `alarm-${evidence.at.toISOString().replace(/[:.]/g, '-')}.json`);
    const record = {
      looksLike: evidence.looksLike,
      message: evidence.message,
      url: evidence.url,
      at: evidence.at.toISOString(),
      kept: { size: evidence.kept.size, rootHash: evidence.kept.rootHash.toString('base64'), note: evidence.kept.note },
      served: {
        size: evidence.served.size,
        rootHash: evidence.served.rootHash.toString('base64'),
        note: evidence.served.note,
      },
    };
    writeAtomically(path, `${JSON.stringify(record, null, 2)}\n`, 0o600);
    return path;
  }
}

function writeAtomically(path: string, text: string, mode: number): void {
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  // The rename itself is durable only once the directory is synced.
  const dirFd = openSync(join(path, '..'), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

export interface WitnessIdentity {
  signer: WitnessSigner;
  vkey: string;
  /** Set when the key was generated on this run. */
  generated?: { skeyPath: string; vkeyPath: string };
}

/** A default witness name: `<host>/witness`, with what a key name may not hold replaced. */
export function defaultWitnessName(): string {
  return `${hostname().replace(/[\s+]/g, '-') || 'localhost'}/witness`;
}

/**
 * The witness's key: from --witness-key (an skey file), else <dir>/witness.skey, else one generated there now
 * (with <dir>/witness.vkey beside it, to publish).
 */
export function loadWitnessIdentity(dir: string, skeyFile: string | undefined, name: string): WitnessIdentity {
  const fromFile = (path: string): WitnessIdentity => {
    let skey: string;
    try {
      skey = readFileSync(path, 'utf8').trim();
    } catch (error) {
      throw new StateError(`cannot read the witness key ${path}: ${(error as Error).message}`);
    }
    try {
      return { signer: parseWitnessSignerKey(skey), vkey: witnessVerifierKeyOf(skey) };
    } catch (error) {
      throw new StateError(
        `${path} is not a witness signer key (PRIVATE+KEY+<name>+<id>+<base64>, type 0x04): ${(error as Error).message}`,
      );
    }
  };
  if (skeyFile !== undefined) return fromFile(skeyFile);
  const skeyPath = join(dir, 'witness.skey');
  const vkeyPath = join(dir, 'witness.vkey');
  if (existsSync(skeyPath)) return fromFile(skeyPath);
  let key: { skey: string; vkey: string };
  try {
    key = generateWitnessKey(name);
  } catch (error) {
    throw new StateError(`cannot make a witness key named "${name}": ${(error as Error).message}`);
  }
  writeAtomically(vkeyPath, `${key.vkey}\n`, 0o644);
  writeFileSync(skeyPath, `${key.skey}\n`, { mode: 0o600, flag: 'wx' });
  return { signer: parseWitnessSignerKey(key.skey), vkey: key.vkey, generated: { skeyPath, vkeyPath } };
}
