import { MERKLE_HASH_SIZE } from '../merkle/merkle-tree.hashing';
import { isTreeSize } from '../merkle/merkle-tree.ranges';
import { decodeBase64 } from '../notes/note-base64';

/** An answer from a log that is not of the documented shape. Not evidence of misbehaviour by itself. */
export class MalformedAnswer extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedAnswer';
  }
}

/** A canonical base64 SHA-256 hash (32 bytes), or MalformedAnswer naming `what`. */
export function parseBase64Hash(value: unknown, what: string): Buffer {
  const bytes = typeof value === 'string' ? decodeBase64(value) : undefined;
  if (bytes === undefined || bytes.length !== MERKLE_HASH_SIZE)
    throw new MalformedAnswer(`${what} is not the base64 of a 32-byte hash`);
  return bytes;
}

/** A list of base64 hashes (a proof), each checked as parseBase64Hash does. */
export function parseBase64HashList(value: unknown, what: string): Buffer[] {
  if (!Array.isArray(value)) throw new MalformedAnswer(`${what} is not a list of hashes`);
  return value.map((item, i) => parseBase64Hash(item, `${what}[${i}]`));
}

/** A tree size or leaf index, or MalformedAnswer naming `what`. */
export function parseTreeSize(value: unknown, what: string): number {
  if (!isTreeSize(value)) throw new MalformedAnswer(`${what} is not a non-negative integer`);
  return value;
}

/**
 * The body of `GET /audit/proofs/consistency?from=<m>&to=<n>`: `{ from, to, hashes }`. The sizes must be the ones
 * asked for: a proof between other sizes would verify nothing about these.
 */
export function parseConsistencyAnswer(body: unknown, from: number, to: number): Buffer[] {
  if (typeof body !== 'object' || body === null)
    throw new MalformedAnswer('the consistency proof answer is not a JSON object');
  const answer = body as Record<string, unknown>;
  const [gotFrom, gotTo] = [
    parseTreeSize(answer.from, 'the consistency proof from'),
    parseTreeSize(answer.to, 'the consistency proof to'),
  ];
  if (gotFrom !== from || gotTo !== to)
    throw new MalformedAnswer(
      `asked for the consistency proof ${from} → ${to}, the log answered ${gotFrom} → ${gotTo}`,
    );
  return parseBase64HashList(answer.hashes, 'the consistency proof hashes');
}
