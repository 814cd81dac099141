import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import { IsRfc3339DateOrDateTime } from './rfc3339.validator';

export class EnvelopeActor {
  @IsString()
  @Length(1, 200)
  id: string;

  @IsString()
  @Length(1, 50)
  role: string;
}

/**
 * The Kafka value of every integration event (docs/architecture.md, Messaging). Carrying the hashes makes the Kafka log and every
 * consumer a witness of each stream's chain. Key = streamId; headers repeat event-id, event-type,
 * schema-version and correlation-id.
 */
export class IntegrationEnvelope<P extends object = Record<string, unknown>> {
  @IsUUID()
  eventId: string;

  @IsString()
  @Length(1, 100)
  eventType: string;

  @IsInt()
  @Min(1)
  schemaVersion: number;

  @IsString()
  @Length(1, 100)
  streamType: string;

  @IsString()
  @Length(1, 200)
  streamId: string;

  @IsInt()
  @Min(1)
  streamVersion: number;

  @IsRfc3339DateOrDateTime()
  occurredAt: string;

  @IsString()
  @Length(1, 128)
  correlationId: string;

  @IsOptional()
  @IsString()
  causationId: string | null;

  @ValidateNested()
  @Type(() => EnvelopeActor)
  actor: EnvelopeActor;

  @Matches(/^[0-9a-f]{64}$/)
  hash: string;

  @Matches(/^[0-9a-f]{64}$/)
  previousHash: string;

  @IsObject()
  payload: P;
}
