import { ConflictError, ValidationFailedError } from '@app/domain-kernel';
import type { RaidStatus } from './raid.types';

/** A step the raid's current status does not allow (a closed raid takes no more findings): 409 naming the status. */
export class IllegalRaidTransitionError extends ConflictError {
  constructor(command: string, status: RaidStatus) {
    super('illegal_transition', `${command} is not allowed while the raid is ${status}`, { status, command });
  }
}

export class OffenceTimeInFutureError extends ValidationFailedError {
  constructor(committedAt: string) {
    super('committedAt', `committedAt ${committedAt} is in the future`);
  }
}
