import { useState } from 'preact/hooks';
import { idempotencyKey, ifMatch } from './api';

/** What a command on a record carries: the version the page read (a change meanwhile is refused, 409) and a fresh key. */
export type CommandHeader = { 'If-Match': string; 'Idempotency-Key': string };
export const commandHeader = (version: number): CommandHeader => ({
  'If-Match': ifMatch(version),
  'Idempotency-Key': idempotencyKey(),
});

/**
 * Sending what a form asks of a service: busy meanwhile, and its refusal kept to be shown (a new send clears it).
 * `send` is true once the request and what follows it went through, false when refused.
 */
export function useSend() {
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async (request: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    try {
      await request();
      return true;
    } catch (caught) {
      setFailure(caught);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { failure, setFailure, busy, send };
}
