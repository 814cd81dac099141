import type { KeyObject } from 'node:crypto';
import type { EnvelopeKeys, ServiceDefinition } from '@app/platform';
import { parsePublicKeys, privateKeyFromSeed, rawPublicKey, publicKeyFromRaw } from './envelope-keys';
import { EnvelopeSigner, EnvelopeVerifier, topicOwner } from './envelope-signature';

/**
 * The signer and verifier of one service from its configuration. Fails at start, naming the variable, when the
 * signing key is missing or a service whose topic it reads has no public key: a consumer that cannot verify would
 * dead-letter every message of that topic.
 */
export function envelopeSecurity(
  definition: ServiceDefinition,
  keys: EnvelopeKeys,
): { signer: EnvelopeSigner; verifier: EnvelopeVerifier } {
  if (!keys.signingKey)
    throw new Error(`${definition.name}: ENVELOPE_SIGNING_KEY is required to sign the envelopes it publishes`);
  const privateKey = privateKeyFromSeed(keys.signingKey);
  const publicKeys = parsePublicKeys(keys.publicKeys);
  // A service reads its own pings; its own key is always known.
  const own: KeyObject[] = publicKeys.get(definition.name) ?? [];
  const ownRaw = rawPublicKey(privateKey);
  if (!own.some((key) => rawPublicKey(key) === ownRaw))
    publicKeys.set(definition.name, [...own, publicKeyFromRaw(ownRaw)]);
  const missing = definition.subscribes
    .map(topicOwner)
    .filter((owner): owner is string => owner !== undefined && !publicKeys.has(owner));
  if (missing.length > 0) {
    throw new Error(
      `${definition.name}: ENVELOPE_PUBLIC_KEYS has no key for ${missing.join(', ')}, whose topics it reads`,
    );
  }
  return { signer: new EnvelopeSigner(definition.name, privateKey), verifier: new EnvelopeVerifier(publicKeys) };
}
