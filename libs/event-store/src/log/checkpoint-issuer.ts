import type { LoggerService } from '@nestjs/common';
import { formatCheckpoint, rootHash, sameHash, signNote, type NoteSigner } from '@app/transparency';
import { LogCheckpoints, type StoredCheckpoint } from './log-checkpoints';
import type { Queryable } from '@app/platform';
import { PostgresMerkleStore } from './postgres-merkle-store';

export interface CheckpointIssuerOptions {
  schema: string;
  /** The log's key (configuration, never the database); its name is the checkpoint origin. */
  signer: NoteSigner;
  /** At most one checkpoint per interval, and only when the tree has grown. */
  intervalMs: number;
  /** Publishes a new checkpoint (Kafka `<service>.checkpoints`); retried at the next tick when it fails. */
  publish?(checkpoint: StoredCheckpoint): Promise<void>;
  /** The stored tree no longer has the root the last checkpoint signed: set while it is so, cleared when not. */
  onMismatch?(mismatch: TreeMismatch | undefined): void;
  now?(): Date;
  logger?: LoggerService;
}

export interface TreeMismatch {
  size: number;
  signedRoot: Buffer;
  storedRoot: Buffer;
}

/**
 * Signs a checkpoint of the tree when it has grown, at most once per interval, on the sequencer's leader. Before it
 * signs a bigger tree it recomputes, from the stored nodes, the root of the size it signed last: if the tables were
 * rewritten since, it refuses to sign (a signature over a rewritten tree would lend it the key's authority) and says so.
 */
export class CheckpointIssuer {
  private last: StoredCheckpoint | null | undefined;
  private lastTick = 0;
  private unpublished: StoredCheckpoint[] = [];

  constructor(private readonly options: CheckpointIssuerOptions) {}

  get origin(): string {
    return this.options.signer.name;
  }

  /** Called on every poll of the sequencer's leader; cheap unless the interval has passed. */
  async tick(db: Queryable, force = false): Promise<StoredCheckpoint | undefined> {
    const now = (this.options.now ?? (() => new Date()))();
    if (!force && now.getTime() - this.lastTick < this.options.intervalMs) return undefined;
    this.lastTick = now.getTime();
    await this.publishPending();
    const store = new PostgresMerkleStore(db, this.options.schema);
    const checkpoints = new LogCheckpoints(db, this.options.schema);
    const size = await store.leafCount();
    // Read once per leadership's life; only this leader writes checkpoints meanwhile (one sequencer per service).
    if (this.last === undefined) this.last = (await checkpoints.latest()) ?? null;
    if (size === 0 || (this.last && size <= this.last.size)) return undefined;
    if (this.last) {
      const storedRoot = await rootHash(store, this.last.size);
      if (!sameHash(storedRoot, this.last.rootHash)) {
        const mismatch = { size: this.last.size, signedRoot: this.last.rootHash, storedRoot };
        this.options.onMismatch?.(mismatch);
        this.options.logger?.error(
          `refusing to sign: the stored Merkle tree of ${mismatch.size} leaves has root ${storedRoot.toString('base64')}, ` +
            `not the signed ${mismatch.signedRoot.toString('base64')}; its tables were rewritten (npm run audit:verify names the streams)`,
          undefined,
          'CheckpointIssuer',
        );
        return undefined;
      }
      this.options.onMismatch?.(undefined);
    }
    const root = await rootHash(store, size);
    const note = signNote(formatCheckpoint({ origin: this.origin, size, rootHash: root }), [this.options.signer]);
    const checkpoint: StoredCheckpoint = { size, rootHash: root, note, issuedAt: now };
    if (!(await checkpoints.insert(checkpoint))) {
      // Another instance led a moment ago and signed this size: adopt what is stored.
      this.last = (await checkpoints.latest()) ?? null;
      return undefined;
    }
    this.last = checkpoint;
    this.unpublished.push(checkpoint);
    await this.publishPending();
    return checkpoint;
  }

  /** Forget what the last leadership knew (it may have lost the lock meanwhile). */
  reset(): void {
    this.last = undefined;
    this.lastTick = 0;
  }

  private async publishPending(): Promise<void> {
    const publish = this.options.publish;
    if (!publish) return void (this.unpublished = []);
    while (this.unpublished.length > 0) {
      try {
        await publish(this.unpublished[0]);
        this.unpublished.shift();
      } catch (error) {
        this.options.logger?.warn(
          `checkpoint ${this.unpublished[0].size} not published yet: ${(error as Error).message}`,
          'CheckpointIssuer',
        );
        return;
      }
    }
  }
}
