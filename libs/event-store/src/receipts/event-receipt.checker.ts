import {
  MalformedAnswer,
  openSignedCheckpoint,
  parseBase64HashList,
  parseTreeSize,
  verifyConsistency,
  verifyInclusion,
  type NoteVerifier,
  type VerifiedCheckpoint,
} from '@app/transparency';
import { eventLeafHash, type EventLeaf } from '../log/event-leaf';

export const RECEIPT_FORMAT = 'integrity-square/receipt/v1';

/** `GET /audit/receipts/<eventId>`: one event's leaf, its inclusion proof and the signed checkpoint it is proved against. */
export interface EventReceipt {
  format: typeof RECEIPT_FORMAT;
  service: string;
  leaf: EventLeaf;
  leafIndex: number;
  treeSize: number;
  /** RFC 9162 inclusion path, base64, nearest sibling first. */
  inclusion: string[];
  /** The signed checkpoint note (C2SP), the log's line first, then any cosignatures. */
  checkpoint: string;
}

/** A receipt that proves nothing: not of the format, not signed by the log's key, or its proof fails. */
export class ReceiptProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReceiptProblem';
  }
}

const ISO_UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HEX_HASH = /^[0-9a-f]{64}$/;
const LEAF_FIELDS = ['eventId', 'streamType', 'streamId', 'streamVersion', 'recordedAt', 'hash'] as const;

function leafOf(value: unknown, what: string): EventLeaf {
  if (typeof value !== 'object' || value === null) throw new ReceiptProblem(`${what}: "leaf" is not an object`);
  const leaf = value as Record<string, unknown>;
  for (const field of ['eventId', 'streamType', 'streamId', 'recordedAt', 'hash'] as const) {
    if (typeof leaf[field] !== 'string' || leaf[field] === '')
      throw new ReceiptProblem(`${what}: leaf.${field} is not a non-empty string`);
  }
  if (!Number.isSafeInteger(leaf.streamVersion) || (leaf.streamVersion as number) < 0) {
    throw new ReceiptProblem(`${what}: leaf.streamVersion is not a non-negative integer`);
  }
  // The leaf's bytes are fixed by its documented form; another spelling of the same time or hash is another leaf.
  if (!ISO_UTC_MILLIS.test(leaf.recordedAt as string))
    throw new ReceiptProblem(`${what}: leaf.recordedAt is not an ISO-8601 UTC time with milliseconds`);
  if (!HEX_HASH.test(leaf.hash as string))
    throw new ReceiptProblem(`${what}: leaf.hash is not 64 lowercase hex digits`);
  return Object.fromEntries(LEAF_FIELDS.map((field) => [field, leaf[field]])) as unknown as EventLeaf;
}

/** Reads a receipt (parsed JSON) of format integrity-square/receipt/v1, checking its shape only. */
export function parseReceipt(value: unknown, what = 'the receipt'): EventReceipt {
  if (typeof value !== 'object' || value === null) throw new ReceiptProblem(`${what} is not a JSON object`);
  const r = value as Record<string, unknown>;
  if (r.format !== RECEIPT_FORMAT)
    throw new ReceiptProblem(`${what}: format is ${JSON.stringify(r.format)}, not "${RECEIPT_FORMAT}"`);
  if (typeof r.service !== 'string' || r.service === '')
    throw new ReceiptProblem(`${what}: "service" is not a non-empty string`);
  if (typeof r.checkpoint !== 'string')
    throw new ReceiptProblem(`${what}: "checkpoint" is not the text of a signed note`);
  let leafIndex: number, treeSize: number;
  try {
    leafIndex = parseTreeSize(r.leafIndex, '"leafIndex"');
    treeSize = parseTreeSize(r.treeSize, '"treeSize"');
    parseBase64HashList(r.inclusion, '"inclusion"');
  } catch (error) {
    if (error instanceof MalformedAnswer) throw new ReceiptProblem(`${what}: ${error.message}`);
    throw error;
  }
  return {
    format: RECEIPT_FORMAT,
    service: r.service,
    leaf: leafOf(r.leaf, what),
    leafIndex,
    treeSize,
    inclusion: [...(r.inclusion as string[])],
    checkpoint: r.checkpoint,
  };
}

/** A receipt whose proof holds: its leaf is leaf `leafIndex` of the tree its checkpoint's signature commits to. */
export interface CheckedReceipt {
  readonly receipt: EventReceipt;
  readonly checkpoint: VerifiedCheckpoint;
  readonly leafHash: Buffer;
}

/**
 * Checks a receipt offline against the log's verifier key alone: the checkpoint's signature and origin (else
 * CheckpointProblem), that the receipt's size is the checkpoint's and its service the origin's last part, then the
 * RFC 9162 inclusion proof of the leaf hash recomputed from `leaf` (never taken from the receipt) at `leafIndex`
 * against the checkpoint's root. Anything else throws ReceiptProblem naming it.
 */
export function checkReceipt(receipt: EventReceipt, logKey: NoteVerifier, what = 'the receipt'): CheckedReceipt {
  const checkpoint = openSignedCheckpoint(receipt.checkpoint, logKey, `${what}'s checkpoint`);
  if (!checkpoint.origin.endsWith(`/${receipt.service}`)) {
    throw new ReceiptProblem(
      `${what} is for service "${receipt.service}", but its checkpoint is of the log "${checkpoint.origin}"`,
    );
  }
  if (receipt.treeSize !== checkpoint.size) {
    throw new ReceiptProblem(
      `${what} claims tree size ${receipt.treeSize}, but its signed checkpoint is of size ${checkpoint.size}`,
    );
  }
  const leafHash = eventLeafHash(receipt.leaf);
  const proof = parseBase64HashList(receipt.inclusion, 'inclusion');
  if (!verifyInclusion(leafHash, receipt.leafIndex, checkpoint.size, proof, checkpoint.rootHash)) {
    throw new ReceiptProblem(
      `${what} does NOT prove inclusion: the leaf of event ${receipt.leaf.eventId} (leaf hash ${leafHash.toString('base64')}) at index ` +
        `${receipt.leafIndex} does not lead to the root ${checkpoint.rootHash.toString('base64')} of the signed tree of size ${checkpoint.size} ` +
        `(the leaf, its index or the proof was changed, or they belong to another checkpoint)`,
    );
  }
  return { receipt, checkpoint, leafHash };
}

/** What `currentReceipt` answers when the log says (404 with Retry-After) that no checkpoint covers the event yet. */
export const NOT_YET_COVERED = Symbol('not yet covered by a checkpoint');

/** What the log serves now, fetched by the caller (the online check). */
export interface LogNow {
  /** `GET /audit/checkpoint`. */
  readonly latestNote: string;
  /** `GET /audit/proofs/consistency?from=&to=`, asked only when 0 < from < to. */
  consistencyProof(from: number, to: number): Promise<readonly Uint8Array[]>;
  /** `GET /audit/receipts/<eventId>` parsed as JSON; undefined on a 404, NOT_YET_COVERED on a 404 with Retry-After. */
  currentReceipt(eventId: string): Promise<unknown>;
}

export interface StillInLog {
  readonly latest: VerifiedCheckpoint;
  /** The log's current receipt for the event, when it still has one that verifies. */
  readonly current?: CheckedReceipt;
  /** Empty when the log still holds exactly this leaf at this index; else each difference, named. */
  readonly problems: string[];
}

const b64 = (hash: Uint8Array) => Buffer.from(hash).toString('base64');

async function consistent(a: VerifiedCheckpoint, b: VerifiedCheckpoint, log: LogNow): Promise<boolean> {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === big.size || small.size === 0)
    return verifyConsistency(small.size, big.size, [], small.rootHash, big.rootHash);
  return verifyConsistency(
    small.size,
    big.size,
    await log.consistencyProof(small.size, big.size),
    small.rootHash,
    big.rootHash,
  );
}

/**
 * Checks, against what the log serves now, that it still contains exactly the receipt's leaf at the receipt's index:
 * the latest checkpoint (signed by the same key) must extend the receipt's (RFC 9162 consistency proof; a tree that
 * extends it holds the same leaves below its size), and the log's current receipt for the event must carry the same
 * leaf at the same index, verify by itself, and be proved against a checkpoint consistent with the latest.
 * Throws CheckpointProblem when the latest checkpoint is not the log's.
 */
export async function checkStillInLog(checked: CheckedReceipt, logKey: NoteVerifier, log: LogNow): Promise<StillInLog> {
  const problems: string[] = [];
  const mine = checked.checkpoint;
  const latest = openSignedCheckpoint(log.latestNote, logKey, 'the latest checkpoint');
  if (latest.size < mine.size) {
    problems.push(
      `TRUNCATION: the log's latest checkpoint is of size ${latest.size} (root ${b64(latest.rootHash)}), smaller than the receipt's ` +
        `size ${mine.size} (root ${b64(mine.rootHash)})`,
    );
  } else if (!(await consistent(mine, latest, log))) {
    problems.push(
      `NOT AN EXTENSION: the latest checkpoint (size ${latest.size}, root ${b64(latest.rootHash)}) does not extend the receipt's ` +
        `(size ${mine.size}, root ${b64(mine.rootHash)}): the log was rewritten since the receipt was issued` +
        (latest.size === mine.size ? '' : ' (the consistency proof does not verify)'),
    );
  }

  const eventId = checked.receipt.leaf.eventId;
  const body = await log.currentReceipt(eventId);
  if (body === undefined) {
    problems.push(`the log no longer has a receipt for event ${eventId} (404): it does not know the event`);
    return { latest, problems };
  }
  if (body === NOT_YET_COVERED) {
    problems.push(
      `the log says no checkpoint covers event ${eventId} yet, though the receipt's checkpoint of size ${mine.size} did`,
    );
    return { latest, problems };
  }
  let current: CheckedReceipt;
  try {
    current = checkReceipt(parseReceipt(body, "the log's current receipt"), logKey, "the log's current receipt");
  } catch (error) {
    problems.push((error as Error).message);
    return { latest, problems };
  }
  const was = checked.receipt;
  const now = current.receipt;
  if (now.leaf.eventId !== eventId)
    problems.push(`the log's current receipt is for event ${now.leaf.eventId}, not ${eventId}`);
  for (const field of LEAF_FIELDS) {
    if (field !== 'eventId' && now.leaf[field] !== was.leaf[field]) {
      problems.push(
        `leaf.${field} differs: the receipt has ${JSON.stringify(was.leaf[field])}, the log now has ${JSON.stringify(now.leaf[field])}`,
      );
    }
  }
  if (now.leafIndex !== was.leafIndex)
    problems.push(`leaf index differs: the receipt has ${was.leafIndex}, the log now has ${now.leafIndex}`);
  if (!(await consistent(current.checkpoint, latest, log))) {
    problems.push(
      `the log's current receipt is proved against a checkpoint (size ${current.checkpoint.size}, root ${b64(current.checkpoint.rootHash)}) ` +
        `that is not consistent with its latest (size ${latest.size}, root ${b64(latest.rootHash)}): the log shows different trees (a FORK)`,
    );
  }
  return { latest, current, problems };
}
