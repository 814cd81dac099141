import { ConflictError, ForbiddenError, NotFoundError, ValidationFailedError } from '@app/domain-kernel';
import type { ControlDocumentStatus } from './control-document.types';

/** A step the document's status does not allow (a reply before it was sent, a second issue): 409 naming the status. */
export class IllegalControlDocumentStepError extends ConflictError {
  constructor(command: string, status: ControlDocumentStatus) {
    super('illegal_transition', `${command} is not allowed while the final document is ${status}`, { status, command });
  }
}

/** A final document concludes control the club exercised: a report it accepted, or a raid that took place. */
export class SubjectNotControlledError extends ConflictError {
  constructor(subjectKind: string, subjectId: string, subjectStatus: string, allowed: readonly string[]) {
    super(
      'subject_not_controlled',
      `The ${subjectKind} ${subjectId} is ${subjectStatus}: a final document needs a ${subjectKind} that is ${allowed.join(' or ')}`,
      { field: 'subjectId', subjectKind, subjectId, subjectStatus, allowed },
    );
  }
}

export class RecommendationNotFoundError extends NotFoundError {
  constructor(documentId: string, number: number) {
    super('Recommendation', `${documentId}#${number}`);
  }
}

/** Only an official of the institution the document is addressed to answers for it. */
export class NotTheAddresseeError extends ForbiddenError {
  constructor(actorId: string, institutionBin: string) {
    super(`${actorId} is not an official of the institution ${institutionBin} the document is addressed to`, {
      actorId,
      institutionBin,
    });
  }
}

export class RecommendationAlreadyRepliedError extends ConflictError {
  constructor(number: number) {
    super('already_replied', `Recommendation ${number} has its reply already`, { number });
  }
}

/** The article's notice: a hearing announced today may be held on the earliest day or later. */
export class HearingNoticeTooShortError extends ValidationFailedError {
  constructor(hearingOn: string, earliestOn: string, noticeWorkingDays: number) {
    super(
      'hearingAt',
      `hearingAt ${hearingOn} gives less than ${noticeWorkingDays} working days' notice: the earliest day is ${earliestOn}`,
      { hearingOn, earliestOn, noticeWorkingDays },
    );
  }
}

/** Escalation is for a refused recommendation, or one unanswered past its deadline. */
export class NotEscalatableError extends ConflictError {
  constructor(number: number, reason: string) {
    super('not_escalatable', `Recommendation ${number} cannot be escalated: ${reason}`, { number, reason });
  }
}

export class AlreadyEscalatedError extends ConflictError {
  constructor(number: number) {
    super('already_escalated', `Recommendation ${number} was escalated already`, { number });
  }
}

export class NotEscalatedError extends ConflictError {
  constructor(number: number) {
    super('not_escalated', `Recommendation ${number} was not escalated, so it has no outcome to record`, { number });
  }
}

export class OutcomeAlreadyRecordedError extends ConflictError {
  constructor(number: number) {
    super('outcome_recorded', `The escalation of recommendation ${number} has its outcome already`, { number });
  }
}
