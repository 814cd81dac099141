import { createHmac } from 'node:crypto';
import { SIGNATURE_HEADER, verifyWebhookSignature, webhookSignature } from './webhook-signature';

const SECRET = 'a-subscriber-secret-of-32-characters!';
const BODY = '{"noticeId":"r:1","kind":"ReportAccepted"}';

describe('webhook signature', () => {
  it('is t=<unix seconds>,v1=<HMAC-SHA256 of "<t>.<body>"> in the Integrity-Signature header', () => {
    const expected = createHmac('sha256', SECRET).update(`1767225600.${BODY}`).digest('hex');
    expect(webhookSignature(SECRET, 1767225600, BODY)).toBe(`t=1767225600,v1=${expected}`);
    expect(SIGNATURE_HEADER).toBe('Integrity-Signature');
  });

  it('verifies as a receiver would, within the tolerance', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const t = Math.floor(now.getTime() / 1000);
    const header = webhookSignature(SECRET, t, BODY);
    expect(verifyWebhookSignature(SECRET, header, BODY, { now })).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, `${BODY} `, { now })).toBe(false);
    expect(verifyWebhookSignature('another-secret-another-secret-xx', header, BODY, { now })).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, BODY, { now: new Date(now.getTime() + 301_000) })).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, BODY, { now: new Date(now.getTime() + 299_000) })).toBe(true);
  });

  it('refuses a malformed header', () => {
    for (const header of [undefined, '', 't=1', 'v1=ab', `t=x,v1=${'a'.repeat(64)}`, `t=1,v1=${'g'.repeat(64)}`]) {
      expect(verifyWebhookSignature(SECRET, header, BODY, { now: new Date(1000) })).toBe(false);
    }
  });
});
