import { createHash } from 'node:crypto';
import { SERVICE_NAMES } from '@app/contracts';
import { EnvelopeSigner, privateKeyFromSeed, rawPublicKey, topicOwner, type MessageSigner } from '@app/messaging';

/** Every service and test producer the suites run; each has a fixed test key, so any test can sign as any of them. */
export const TEST_SIGNERS: readonly string[] = [...SERVICE_NAMES, 'tally', 'tally-consumer', 'bench'];

/** A fixed Ed25519 seed per name: a test key, never used outside the tests. */
export function testSigningKey(service: string): string {
  return createHash('sha256').update(`integrity-square test envelope key: ${service}`).digest('base64');
}

/** ENVELOPE_PUBLIC_KEYS naming every test signer's key. */
export function testPublicKeys(services: readonly string[] = TEST_SIGNERS): string {
  return services.map((s) => `${s}=${rawPublicKey(privateKeyFromSeed(testSigningKey(s)))}`).join(',');
}

/** What a service needs to sign as `service` and to read every test signer. */
export function testEnvelopeKeys(service: string): { signingKey: string; publicKeys: string } {
  return { signingKey: testSigningKey(service), publicKeys: testPublicKeys() };
}

/** A signer for a test that publishes as another service (the producer it plays). */
export function testSigner(service: string): EnvelopeSigner {
  return new EnvelopeSigner(service, testSigningKey(service));
}

/** Signs each message as the owner of its topic (`<service>.events`), as a test playing several producers needs. */
export function topicOwnerSigner(): MessageSigner {
  return {
    async signedHeaders(topic, key, value, batch) {
      const owner = topicOwner(topic);
      if (!owner) throw new Error(`topicOwnerSigner: ${topic} has no owner by name; sign it with testSigner(service)`);
      return testSigner(owner).signedHeaders(topic, key, value, batch);
    },
  };
}
