import { Injectable } from '@nestjs/common';
import { AggregateCommands } from '@app/event-store';
import { PersonalDataStore, type Principal, type Queryable } from '@app/platform';
import type { SubmitReport } from '../domain/report.commands';
import { CONTACT_PURPOSE, type ReporterContact } from './report-contact';
import { reportAggregate } from './report.aggregate';
import { type Actor } from '@app/domain-kernel';
import { EvidencePhotoStore, type StrippedPhoto } from '@app/photo-evidence';

/** Who files a report without a token: anonymous, but still an actor in the event metadata. */
export const ANONYMOUS_REPORTER: Actor = { id: 'anonymous', role: 'anonymous' };

/**
 * Filing a report with its personal data: its reporter's contact, kept beside the report (ReadReport reads it back
 * for moderators). The other commands go straight to AggregateCommands, or through their use case (mark-duplicate.ts).
 */
@Injectable()
export class SubmitReportWithContact {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly personalData: PersonalDataStore,
    private readonly photos: EvidencePhotoStore,
  ) {}

  /**
   * The report and its reporter's contact commit together; the contact goes to the personal-data record of the
   * report's id, never into the event (so it can be erased with every hash chain intact). Uploaded photos are
   * stored in the same transaction; the event names them by hash (data.road.photoEvidence).
   */
  execute(
    data: SubmitReport['data'],
    contact: ReporterContact | undefined,
    actor: Principal | Actor,
    photos: readonly StrippedPhoto[] = [],
  ) {
    const recordContact = contact
      ? (manager: Queryable) => this.personalData.record(manager, data.reportId, CONTACT_PURPOSE, contact)
      : undefined;
    return this.commands.execute(reportAggregate, data.reportId, 'SubmitReport', data, actor, {
      expectedVersion: 0,
      alongside: this.photos.alongside(photos, recordContact),
    });
  }
}
