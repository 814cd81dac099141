import { sign, verify, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { checkpointsTopic, MESSAGE_HEADERS } from '@app/contracts';
import { parsePublicKeys, privateKeyFromSeed } from './envelope-keys';

/**
 * What a signature covers: who signed, the (logical) topic, the record key and the exact value bytes. Topic and key
 * are inside so that a genuine envelope copied to another service's topic, or under another key, no longer verifies.
 */
export function signingInput(signer: string, topic: string, key: string | null, value: string): Buffer {
  return Buffer.from(`integrity-square-envelope/v1\n${signer}\n${topic}\n${key ?? ''}\n${value}`, 'utf8');
}

/** The topics a service may publish to: its own `<name>.events` and `<name>.checkpoints`, and the operators' pings. */
export function topicsOwnedBy(signer: string): string[] {
  return [`${signer}.events`, checkpointsTopic(signer), 'platform.pings'];
}

/** The service that owns `<name>.events` by the naming rule above (undefined for the shared pings topic). */
export function topicOwner(topic: string): string | undefined {
  return /^(.+)\.events$/.exec(topic)?.[1];
}

// The callback forms run on libuv's thread pool, in parallel: what a large batch (a consumer catching up, a relay
// draining a backlog) needs so as not to hold its one event loop for tens of milliseconds. A pool job costs two thread
// wake-ups, though, which cost more than a signature: here an Ed25519 signature takes 39 µs on the event loop and a
// verification 125 µs, against 197 µs for a verification sent to the pool and awaited. So a small batch, the steady
// state of a relay and a consumer (a few messages each), is signed or verified on the event loop, the rest on the pool.
const signAsync = promisify(sign) as (algorithm: null, data: Buffer, key: KeyObject) => Promise<Buffer>;
const verifyAsync = promisify(verify) as (
  algorithm: null,
  data: Buffer,
  key: KeyObject,
  signature: Buffer,
) => Promise<boolean>;

/**
 * The largest batches signed, and verified, on the event loop: about a millisecond of it at the figures above. On a
 * two-core server saturated at 1,000 messages/s (bench:messaging) no core is free for the pool anyway; the wake-ups
 * saved are CPU (7% of a consumer's, 440-447 against 474-489 ticks in 10 s), while the p99 from append to consumer
 * commit stayed within the runs' noise.
 */
export const INLINE_SIGNATURES = 24;
export const INLINE_VERIFICATIONS = 8;

/** What a bus asks of whoever signs its messages. */
export interface MessageSigner {
  /** `batch`: how many messages are being signed together (INLINE_SIGNATURES decides where). */
  signedHeaders(topic: string, key: string | null, value: string, batch?: number): Promise<Record<string, string>>;
}

/** Signs every message a service publishes with its own Ed25519 key (configuration, never the database). */
export class EnvelopeSigner implements MessageSigner {
  private readonly key: KeyObject;

  constructor(
    readonly service: string,
    signingKey: string | KeyObject,
  ) {
    this.key = typeof signingKey === 'string' ? privateKeyFromSeed(signingKey) : signingKey;
  }

  /** The headers that go with a message: the signer's name and the base64 signature (tools and tests). */
  headers(topic: string, key: string | null, value: string): Record<string, string> {
    return {
      [MESSAGE_HEADERS.signer]: this.service,
      [MESSAGE_HEADERS.signature]: sign(null, signingInput(this.service, topic, key, value), this.key).toString(
        'base64',
      ),
    };
  }

  /** The same for a message of a batch of `batch` (what the buses use): on the thread pool for a large batch. */
  async signedHeaders(topic: string, key: string | null, value: string, batch = 1): Promise<Record<string, string>> {
    const input = signingInput(this.service, topic, key, value);
    const signature = batch <= INLINE_SIGNATURES ? sign(null, input, this.key) : await signAsync(null, input, this.key);
    return { [MESSAGE_HEADERS.signer]: this.service, [MESSAGE_HEADERS.signature]: signature.toString('base64') };
  }
}

export type SignatureCheck = { ok: true; signer: string } | { ok: false; problem: string };

/** Checks a message against the public keys of the services this one reads (ENVELOPE_PUBLIC_KEYS). */
export class EnvelopeVerifier {
  private readonly keys: Map<string, KeyObject[]>;

  constructor(publicKeys: string | Map<string, KeyObject[]>) {
    this.keys = typeof publicKeys === 'string' ? parsePublicKeys(publicKeys) : publicKeys;
  }

  knows(service: string): boolean {
    return this.keys.has(service);
  }

  check(message: SignedMessage): SignatureCheck {
    const prepared = this.prepare(message);
    if ('problem' in prepared) return { ok: false, problem: prepared.problem };
    const { signer, keys, input, bytes } = prepared;
    return keys.some((key) => verify(null, input, key, bytes)) ? { ok: true, signer } : badSignature(signer);
  }

  /** The same check for a message of a batch of `batch` (what consumers use): on the thread pool for a large batch. */
  async checkAsync(message: SignedMessage, batch = 1): Promise<SignatureCheck> {
    if (batch <= INLINE_VERIFICATIONS) return this.check(message);
    const prepared = this.prepare(message);
    if ('problem' in prepared) return { ok: false, problem: prepared.problem };
    const { signer, keys, input, bytes } = prepared;
    for (const key of keys) if (await verifyAsync(null, input, key, bytes)) return { ok: true, signer };
    return badSignature(signer);
  }

  private prepare(
    message: SignedMessage,
  ): { signer: string; keys: KeyObject[]; input: Buffer; bytes: Buffer } | { problem: string } {
    const signer = message.headers[MESSAGE_HEADERS.signer];
    const signature = message.headers[MESSAGE_HEADERS.signature];
    if (!signer || !signature) return { problem: 'unsigned: no signer or signature header' };
    const keys = this.keys.get(signer);
    if (!keys)
      return {
        problem: `signed by ${JSON.stringify(signer.slice(0, 100))}, whose public key this service does not have`,
      };
    if (!topicsOwnedBy(signer).includes(message.topic))
      return { problem: `${signer} does not own topic ${message.topic}` };
    const bytes = Buffer.from(signature, 'base64');
    if (bytes.length !== 64) return { problem: `signature does not verify with ${signer}'s public key` };
    return { signer, keys, input: signingInput(signer, message.topic, message.key, message.value), bytes };
  }
}

type SignedMessage = { topic: string; key: string | null; value: string; headers: Record<string, string> };

function badSignature(signer: string): SignatureCheck {
  return { ok: false, problem: `signature does not verify with ${signer}'s public key` };
}
