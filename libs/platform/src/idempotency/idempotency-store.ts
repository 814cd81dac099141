import { randomUUID } from 'node:crypto';
import type { Queryable } from '../database/queryable';
import { IDEMPOTENCY_KEY_TTL_SECONDS } from './idempotency-key';

/** A pending claim older than this is taken to belong to a request that died (a crash between effect and answer). */
export const IDEMPOTENCY_CLAIM_LEASE_SECONDS = 60;

export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Claim =
  | { kind: 'claimed'; claimId: string }
  | { kind: 'pending'; requestHash: string }
  | { kind: 'done'; requestHash: string; answer: StoredAnswer };

/** The idempotency_keys table of the service schema (unqualified: the search_path names the schema). */
export class IdempotencyStore {
  constructor(private readonly db: Queryable) {}

  /**
   * Claims (principal, key) for this request, atomically: a new key, one older than the TTL, or a pending claim past
   * its lease is taken over; otherwise the row as it stands (another request's claim, or its stored answer).
   */
  async claim(principal: string, key: string, requestHash: string): Promise<Claim> {
    for (;;) {
      const claimId = randomUUID();
      const claimed: unknown[] = await this.db.query(
        `INSERT INTO idempotency_keys (principal, key, request_hash, claim_id, state)
         VALUES ($1, $2, $3, $4, 'pending')
         ON CONFLICT (principal, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, claim_id = EXCLUDED.claim_id, state = 'pending', status = NULL,
               headers = '{}', body = NULL, created_at = now(), completed_at = NULL
         WHERE idempotency_keys.created_at < now() - make_interval(secs => $5)
            OR (idempotency_keys.state = 'pending' AND idempotency_keys.created_at < now() - make_interval(secs => $6))
         RETURNING claim_id`,
        [principal, key, requestHash, claimId, IDEMPOTENCY_KEY_TTL_SECONDS, IDEMPOTENCY_CLAIM_LEASE_SECONDS],
      );
      if (claimed.length > 0) return { kind: 'claimed', claimId };
      const found = await this.find(principal, key);
      // Released (a 5xx) between the two statements: try to claim it again.
      if (found) return found;
    }
  }

  async find(principal: string, key: string): Promise<Exclude<Claim, { kind: 'claimed' }> | undefined> {
    const [row]: Array<{
      request_hash: string;
      state: 'pending' | 'done';
      status: number | null;
      headers: Record<string, string>;
      body: string | null;
    }> = await this.db.query(
      `SELECT request_hash, state, status, headers, body FROM idempotency_keys
        WHERE principal = $1 AND key = $2 AND created_at >= now() - make_interval(secs => $3)`,
      [principal, key, IDEMPOTENCY_KEY_TTL_SECONDS],
    );
    if (!row) return undefined;
    if (row.state === 'pending') return { kind: 'pending', requestHash: row.request_hash };
    return {
      kind: 'done',
      requestHash: row.request_hash,
      answer: { status: row.status!, headers: row.headers, body: row.body! },
    };
  }

  /** Stores the answer of the claim's request; a claim taken over meanwhile is left to its new holder. */
  async complete(principal: string, key: string, claimId: string, answer: StoredAnswer): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET state = 'done', status = $4, headers = $5, body = $6, completed_at = now()
        WHERE principal = $1 AND key = $2 AND claim_id = $3 AND state = 'pending'`,
      [principal, key, claimId, answer.status, JSON.stringify(answer.headers), answer.body],
    );
  }

  /** Gives the key up (the request failed on the server's side), so a retry runs it again. */
  async release(principal: string, key: string, claimId: string): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2 AND claim_id = $3 AND state = 'pending'`,
      [principal, key, claimId],
    );
  }

  /** Deletes the keys past their TTL; returns how many. */
  async purgeExpired(): Promise<number> {
    // Counted by a SELECT: TypeORM answers a bare DELETE with [rows, rowCount].
    const [{ n }]: Array<{ n: number }> = await this.db.query(
      `WITH gone AS (DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1) RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [IDEMPOTENCY_KEY_TTL_SECONDS],
    );
    return n;
  }
}
