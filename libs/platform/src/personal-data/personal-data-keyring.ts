import { createHmac } from 'node:crypto';
import type { Principal, Role } from '../auth/roles';
import type { PersonalDataSettings } from '../config/service-config';

/** One HMAC key: its id travels with every digest made under it, so a rotated key's digests stay matchable. */
export interface PersonalDataKey {
  keyId: string;
  secret: Buffer;
}

/** What a keyed digest of an identifier is published as: never the identifier, never its bare (guessable) hash. */
export interface KeyedDigest {
  keyId: string;
  /** HMAC-SHA256 (hex) of `<purpose>:<value>` under the key. */
  hmacSha256: string;
}

/** What the digest is of: the purpose is mixed in, so an IIN's digest never equals a user id's pseudonym. */
export type DigestPurpose = 'iin' | 'citizen';

/**
 * The keys personal identifiers are digested under (PERSONAL_DATA_SECRET and PERSONAL_DATA_KEY_ID; earlier keys in
 * PERSONAL_DATA_PREVIOUS_SECRETS), and which roles may read personal data in clear (PERSONAL_DATA_ROLES).
 *
 * Why keyed: an IIN is 12 structured digits (birth date, sex, serial, check digit), so its plain SHA-256 is
 * reversed by trying the few billion candidates; an HMAC under a secret the reader lacks is not. Monitoring and
 * fines share the key, so a raid's offence and the fine for it name the same person by the same digest.
 */
export class PersonalDataKeyring {
  constructor(
    readonly current: PersonalDataKey,
    readonly previous: readonly PersonalDataKey[] = [],
    readonly readerRoles: readonly Role[] = ['official', 'moderator'],
  ) {}

  digest(purpose: DigestPurpose, value: string): KeyedDigest {
    return { keyId: this.current.keyId, hmacSha256: hmac(this.current.secret, purpose, value) };
  }

  /**
   * An IIN as an offence and its fine carry it: its digest under the current key and that key's id, or both null
   * without an IIN.
   */
  iinDigestFields(iin: string | null | undefined): { hmacSha256: string | null; keyId: string | null } {
    const digest = iin ? this.digest('iin', iin) : null;
    return { hmacSha256: digest?.hmacSha256 ?? null, keyId: digest?.keyId ?? null };
  }

  /** The digests of one identifier under every key still known: what a lookup by IIN compares against. */
  digestsUnderEveryKey(purpose: DigestPurpose, value: string): KeyedDigest[] {
    return [this.current, ...this.previous].map((k) => ({
      keyId: k.keyId,
      hmacSha256: hmac(k.secret, purpose, value),
    }));
  }

  /**
   * A citizen as others may see them: stable for one person under one key (so a thread shows one reporter), and
   * without the key no one can tell whose it is or test a guess.
   */
  pseudonym(userId: string): string {
    return `citizen:${this.current.keyId}:${hmac(this.current.secret, 'citizen', userId).slice(0, 32)}`;
  }

  /** An actor as published or shown to those who may not read personal data: a citizen by pseudonym, staff as is. */
  publicActor<A extends { id: string; role: string }>(actor: A): A {
    return actor.role === 'citizen' ? { ...actor, id: this.pseudonym(actor.id) } : actor;
  }

  /**
   * Whether this principal reads personal data in clear (else it is masked): by the role the route was authorised
   * for when there is one, so an official who also holds the auditor role reads an auditor's route as an auditor.
   */
  mayRead(principal: Pick<Principal, 'roles' | 'actingRole'> | undefined): boolean {
    if (!principal) return false;
    const roles = principal.actingRole ? [principal.actingRole] : principal.roles;
    return roles.some((role) => this.readerRoles.includes(role));
  }

  /**
   * An event's personal data as a reader may see it: for a reader without the right, a citizen actor and a
   * reporter's user id become the citizen's pseudonym (the same one the published events carry).
   */
  maskedEvent<E extends { metadata: { actorId: string; actorRole: string }; data: unknown }>(
    event: E,
    reader: Pick<Principal, 'roles' | 'actingRole'> | undefined,
  ): E {
    if (this.mayRead(reader)) return event;
    const metadata =
      event.metadata.actorRole === 'citizen'
        ? { ...event.metadata, actorId: this.pseudonym(event.metadata.actorId) }
        : event.metadata;
    return { ...event, metadata, data: this.maskedRecord(event.data) };
  }

  /** A state or payload with its citizen ids (CITIZEN_ID_FIELDS) as pseudonyms. */
  maskedRecord<T>(value: T): T {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const record = value as Record<string, unknown>;
    const ids = CITIZEN_ID_FIELDS.filter((field) => typeof record[field] === 'string');
    if (ids.length === 0) return value;
    return { ...record, ...Object.fromEntries(ids.map((f) => [f, this.pseudonym(record[f] as string)])) } as T;
  }
}

/** Fields of events and states that hold a citizen's user id. */
export const CITIZEN_ID_FIELDS = ['reporterId'] as const;

function hmac(secret: Buffer, purpose: DigestPurpose, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`, 'utf8').digest('hex');
}

/** What masked personal data reads as: says that something is there, and why it is not shown. */
export const MASKED = '[personal data: not shown to this role]';

/** The keyring of a service's configuration (PERSONAL_DATA_*). */
export function personalDataKeyring(settings: PersonalDataSettings): PersonalDataKeyring {
  const key = (k: { keyId: string; secret: string }) => ({ keyId: k.keyId, secret: Buffer.from(k.secret, 'base64') });
  return new PersonalDataKeyring(key(settings), settings.previous.map(key), settings.readerRoles);
}
