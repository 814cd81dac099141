import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { checkpointsTopic } from '@app/contracts';
import {
  JsonLogger,
  MessageBus,
  SERVICE_CONFIG,
  SERVICE_DEFINITION,
  type ServiceConfig,
  type ServiceDefinition,
} from '@app/platform';
import { generateNoteKey, parseSignerKey, type NoteSigner } from '@app/transparency';
import type { CheckpointedReader } from '../projections/checkpointed-reader';
import { EventStore } from '../store/event-store';
import { CheckpointIssuer } from './checkpoint-issuer';
import { LogCheckpoints } from './log-checkpoints';
import { createLogSequencer } from './log-sequencer';
import { PostgresMerkleStore } from './postgres-merkle-store';

/** The origin an ephemeral development key gets: `<deployment>/<service>`. */
export const DEVELOPMENT_DEPLOYMENT = 'integrity-square.local';

/**
 * The service's transparency log: the sequencer that appends every event to its Merkle tree, the issuer that signs
 * checkpoints of it, and the reads the audit routes answer from.
 */
@Injectable()
export class TransparencyLog implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly merkle: PostgresMerkleStore;
  readonly checkpoints: LogCheckpoints;
  readonly issuer: CheckpointIssuer;
  readonly origin: string;
  private sequencer?: CheckpointedReader;

  constructor(
    private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
    bus: MessageBus,
    private readonly logger: JsonLogger,
    registry: Registry,
  ) {
    this.merkle = new PostgresMerkleStore(store.dataSource, store.schema);
    this.checkpoints = new LogCheckpoints(store.dataSource, store.schema);
    const signer = this.signerFrom(config);
    this.origin = signer.name;
    const mismatch = new Gauge({
      name: 'transparency_tree_mismatch',
      help: '1 while the stored Merkle tree does not have the root of the last signed checkpoint (its tables were rewritten)',
      registers: [registry],
    });
    const signed = new Gauge({
      name: 'transparency_checkpoint_size',
      help: 'Tree size of the last checkpoint this instance signed',
      registers: [registry],
    });
    this.issuer = new CheckpointIssuer({
      schema: store.schema,
      signer,
      intervalMs: config.checkpoints.intervalMs,
      logger,
      onMismatch: (m) => mismatch.set(m ? 1 : 0),
      publish: async (checkpoint) => {
        await bus.publish([
          {
            topic: checkpointsTopic(definition.name),
            key: this.origin,
            value: {
              origin: this.origin,
              size: checkpoint.size,
              rootHash: checkpoint.rootHash.toString('base64'),
              issuedAt: checkpoint.issuedAt,
              note: checkpoint.note,
            },
            headers: { 'content-type': 'application/json' },
          },
        ]);
        signed.set(checkpoint.size);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.sequencer = createLogSequencer(this.store, this.issuer, { logger: this.logger });
    this.sequencer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sequencer?.stop();
  }

  private signerFrom(config: ServiceConfig): NoteSigner {
    if (config.checkpoints.signingKey) return parseSignerKey(config.checkpoints.signingKey);
    // Outside production only (loadServiceConfig requires the key there): checkpoints no one can check after a restart.
    const key = generateNoteKey(`${DEVELOPMENT_DEPLOYMENT}/${this.definition.name}`);
    this.logger.warn(
      `no CHECKPOINT_SIGNING_KEY: checkpoints are signed with a key made for this run only; its verifier key is ${key.vkey}`,
      'TransparencyLog',
    );
    return parseSignerKey(key.skey);
  }
}
