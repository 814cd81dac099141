import { IsIn, IsUUID } from 'class-validator';
import { SERVICE_NAMES, type ServiceName } from './services.registry';
import { IsRfc3339DateOrDateTime } from './rfc3339.validator';

export const PING_SENT = { eventType: 'PingSent', schemaVersion: 1 } as const;

/** Payload of PingSent v1 on platform.pings. */
export class PingSentV1 {
  @IsUUID()
  pingId: string;

  @IsIn(SERVICE_NAMES)
  from: ServiceName;

  @IsRfc3339DateOrDateTime()
  sentAt: string;
}
