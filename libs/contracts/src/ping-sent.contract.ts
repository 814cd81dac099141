import { IsIn, IsISO8601, IsUUID } from 'class-validator';
import { SERVICE_NAMES, type ServiceName } from './services.registry';

export const PING_SENT = { eventType: 'PingSent', schemaVersion: 1 } as const;

/** Payload of PingSent v1 on platform.pings. */
export class PingSentV1 {
  @IsUUID()
  pingId: string;

  @IsIn(SERVICE_NAMES)
  from: ServiceName;

  @IsISO8601({ strict: true })
  sentAt: string;
}
