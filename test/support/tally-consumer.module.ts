import { Controller, Module } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { validateContract, type IntegrationEnvelope } from '@app/contracts';
import { EventStoreModule } from '@app/event-store';
import { ConsumeEvent, Inbox, MessagingModule } from '@app/messaging';
import { TallyCountedV1, TallyOpenedV1 } from './tally.contracts';

/** What the consumer's handler did, one row per effect; a doubled effect shows as a second row. */
export class CreateTallyEffects1764300000000 implements MigrationInterface {
  name = 'CreateTallyEffects1764300000000';
  async up(runner: QueryRunner): Promise<void> {
    const schema = (runner.connection.options as { schema: string }).schema;
    await runner.query(`
      CREATE TABLE "${schema}".tally_effects (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL,
        stream_id text NOT NULL,
        stream_version int NOT NULL,
        correlation_id text NOT NULL,
        by_amount int NOT NULL,
        instance text NOT NULL
      )`);
  }
  async down(): Promise<void> {}
}

/** Streams whose TallyFlaky events fail, as a bug not yet fixed would; a test deletes a stream to deploy the fix. */
export const flakyStreams = new Set<string>();

@Controller()
class TallyConsumer {
  // Captured when the instance starts, so two instances in one test process tell their effects apart.
  private readonly instance = process.env.TEST_INSTANCE ?? 'main';

  constructor(private readonly inbox: Inbox) {}

  @ConsumeEvent('TallyCounted')
  async onCounted(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    const payload = validateContract(TallyCountedV1, envelope.payload);
    await this.inbox.once('tally-consumer', envelope, (m) =>
      m.query(
        `INSERT INTO tally_effects (event_id, stream_id, stream_version, correlation_id, by_amount, instance) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          envelope.eventId,
          envelope.streamId,
          envelope.streamVersion,
          envelope.correlationId,
          payload.by,
          this.instance,
        ],
      ),
    );
  }

  /** Records the opening (by 0) in a transaction of its own: the consumer-runs test checks it never shares one. */
  @ConsumeEvent('TallyOpened', { ownTransaction: true })
  async onOpened(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    validateContract(TallyOpenedV1, envelope.payload);
    await this.inbox.once('tally-consumer', envelope, (m) =>
      m.query(
        `INSERT INTO tally_effects (event_id, stream_id, stream_version, correlation_id, by_amount, instance) VALUES ($1, $2, $3, $4, 0, $5)`,
        [envelope.eventId, envelope.streamId, envelope.streamVersion, envelope.correlationId, this.instance],
      ),
    );
  }

  /** Fails while its stream is in flakyStreams (then dead-lettered as handler_failed), and records its effect after. */
  @ConsumeEvent('TallyFlaky')
  async onFlaky(@Payload() envelope: IntegrationEnvelope): Promise<void> {
    if (flakyStreams.has(envelope.streamId)) throw new Error('flaky: this stream is still broken');
    await this.inbox.once('tally-consumer', envelope, (m) =>
      m.query(
        `INSERT INTO tally_effects (event_id, stream_id, stream_version, correlation_id, by_amount, instance) VALUES ($1, $2, $3, $4, 0, $5)`,
        [envelope.eventId, envelope.streamId, envelope.streamVersion, envelope.correlationId, this.instance],
      ),
    );
  }

  /** A handler that always fails: its messages must end in the dead letters, and the partition move on. */
  @ConsumeEvent('TallyBroken')
  onBroken(@Payload() _envelope: unknown): Promise<void> {
    return Promise.reject(new Error('this handler always fails'));
  }
}

@Module({ imports: [EventStoreModule.forService(), MessagingModule.forService()], controllers: [TallyConsumer] })
export class TallyConsumerModule {}
