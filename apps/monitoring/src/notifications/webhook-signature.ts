import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a webhook delivery is signed (docs/webhooks.md): the header `Integrity-Signature: t=<unix seconds>,v1=<hex>`,
 * where the hex is HMAC-SHA256 under the subscriber's secret of `<t>.<the request body as sent>`. The timestamp is
 * inside the signed text, so a receiver that refuses old timestamps refuses a replayed delivery.
 */
export const SIGNATURE_HEADER = 'Integrity-Signature';

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * What a receiver does: parses the header, recomputes the MAC, compares in constant time, and refuses a timestamp
 * further than `toleranceSeconds` from `now`.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!/^\d+$/.test(parts.t ?? '') || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return false;
  const now = (options.now ?? new Date()).getTime() / 1000;
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body).split('v1=')[1], 'hex');
  return timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'));
}
