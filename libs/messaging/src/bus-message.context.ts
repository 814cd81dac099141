import { BaseRpcContext } from '@nestjs/microservices';
import type { IncomingMessage } from './incoming-message';

/** What an @EventPattern handler can learn about the message beyond its payload (@Ctx()). */
export class BusMessageContext extends BaseRpcContext<[IncomingMessage]> {
  constructor(message: IncomingMessage) {
    super([message]);
  }

  get message(): IncomingMessage {
    return this.getArgByIndex(0);
  }
}
