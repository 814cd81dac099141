import { generateEnvelopeKeyPair } from './envelope-keys';
import { EnvelopeSigner, EnvelopeVerifier, INLINE_SIGNATURES, INLINE_VERIFICATIONS } from './envelope-signature';

// A small batch is signed and verified on the event loop, a large one on the thread pool: the same signatures, the
// same verdicts, whichever way a message goes.

const keys = generateEnvelopeKeyPair();
const other = generateEnvelopeKeyPair();
const signer = new EnvelopeSigner('budgets', keys.signingKey);
const verifier = new EnvelopeVerifier(`budgets=${keys.publicKey}`);

const message = (value: string, headers: Record<string, string>, topic = 'budgets.events') => ({
  topic,
  key: 'programme-1',
  value,
  headers,
});

describe.each([
  ['on the event loop', 1, 1],
  ['on the thread pool', INLINE_SIGNATURES + 1, INLINE_VERIFICATIONS + 1],
])('envelope signatures %s', (_, signBatch, verifyBatch) => {
  it('signs as headers() does (Ed25519 is deterministic) and the signature verifies', async () => {
    const headers = await signer.signedHeaders('budgets.events', 'programme-1', '{"a":1}', signBatch);
    expect(headers).toEqual(signer.headers('budgets.events', 'programme-1', '{"a":1}'));
    expect(await verifier.checkAsync(message('{"a":1}', headers), verifyBatch)).toEqual({
      ok: true,
      signer: 'budgets',
    });
  });

  it('refuses a changed value, another topic and another key', async () => {
    const headers = await signer.signedHeaders('budgets.events', 'programme-1', '{"a":1}', signBatch);
    const refused = { ok: false, problem: "signature does not verify with budgets's public key" };
    expect(await verifier.checkAsync(message('{"a":2}', headers), verifyBatch)).toEqual(refused);
    expect(await verifier.checkAsync({ ...message('{"a":1}', headers), key: 'programme-2' }, verifyBatch)).toEqual(
      refused,
    );
    const forged = await new EnvelopeSigner('budgets', other.signingKey).signedHeaders(
      'budgets.events',
      'programme-1',
      '{"a":1}',
      signBatch,
    );
    expect(await verifier.checkAsync(message('{"a":1}', forged), verifyBatch)).toEqual(refused);
    expect(await verifier.checkAsync(message('{"a":1}', headers, 'fines.events'), verifyBatch)).toEqual({
      ok: false,
      problem: 'budgets does not own topic fines.events',
    });
  });
});
