import { ConflictError, ForbiddenError, ValidationFailedError } from '@app/domain-kernel';
import type { ReportStatus } from './report.types';

/** A step the report's current status does not allow: 409 naming the status. */
export class IllegalReportTransitionError extends ConflictError {
  constructor(command: string, status: ReportStatus) {
    super('illegal_transition', `${command} is not allowed while the report is ${status}`, { status, command });
  }
}

/** The details must match the kind: a road defect needs its place, a budget doubt its programme. */
export class ReportDetailsMismatchError extends ValidationFailedError {
  constructor(field: 'road' | 'budget', kind: string) {
    super(field, `A ${kind} report needs ${field} details (and only those)`);
  }
}

export class SelfDuplicateError extends ValidationFailedError {
  constructor() {
    super('duplicateOf', 'A report cannot be a duplicate of itself');
  }
}

/** Only the reporter or a moderator may reopen a resolved report. */
export class NotTheReporterError extends ForbiddenError {
  constructor(actorId: string) {
    super(`${actorId} is neither the reporter nor a moderator`, { actorId });
  }
}
