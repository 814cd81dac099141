import { Inject, Injectable } from '@nestjs/common';
import { fold, mustExist } from '@app/domain-kernel';
import { AggregateCommands, EventStore } from '@app/event-store';
import type { Principal } from '@app/platform';
import type { IssueFinalDocument } from '../domain/control-document.commands';
import type { ControlSubjectKind } from '../domain/control-document.types';
import { raidDecider } from '../domain/raid.decider';
import type { RaidEvent } from '../domain/raid.events';
import { reportDecider } from '../domain/report.decider';
import type { ReportEvent } from '../domain/report.events';
import { controlDocumentAggregate } from './control-document.aggregate';
import { PUBLIC_CONTROL_CONFIG, type PublicControlConfig } from './public-control.config';
import { raidAggregate } from './raid.aggregate';
import { reportAggregate } from './report.aggregate';

/** Each subject kind's aggregate, and its status and district from its own events (folded once, by its decider). */
const SUBJECTS = {
  report: {
    aggregate: reportAggregate,
    // A report names its district with the road it is about (a budget report names none).
    read: (events: unknown[]) => ({
      status: fold(reportDecider, events as ReportEvent[]).status,
      district: (events as ReportEvent[]).find((e) => e.type === 'ReportSubmitted')?.data.road?.district ?? null,
    }),
  },
  raid: {
    aggregate: raidAggregate,
    read: (events: unknown[]) => {
      const { status, district } = fold(raidDecider, events as RaidEvent[]);
      return { status, district: district || null };
    },
  },
} as const;

/** Issuing the club's final document: the step that needs more than the request, the subject's status from its stream. */
@Injectable()
export class IssueControlDocument {
  constructor(
    private readonly commands: AggregateCommands,
    private readonly store: EventStore,
    @Inject(PUBLIC_CONTROL_CONFIG) private readonly config: PublicControlConfig,
  ) {}

  /** The report or raid must exist (404 naming it); whether its status qualifies is the decider's rule. */
  private async subject(
    kind: ControlSubjectKind,
    subjectId: string,
  ): Promise<{ status: string; district: string | null }> {
    const { aggregate, read } = SUBJECTS[kind];
    const { events } = await this.store.readStream(subjectId);
    // A stream of another type under that id is not this subject: the same 404 as none.
    mustExist(events[0]?.streamType === aggregate.streamType ? events.length : null, aggregate.name, subjectId);
    return read(events);
  }

  async execute(
    data: Omit<IssueFinalDocument['data'], 'subjectStatus' | 'subjectDistrict' | 'terms'>,
    actor: Principal,
  ) {
    const subject = await this.subject(data.subjectKind, data.subjectId);
    return this.commands.execute(
      controlDocumentAggregate,
      data.documentId,
      'IssueFinalDocument',
      { ...data, subjectStatus: subject.status, subjectDistrict: subject.district, terms: this.config.terms },
      actor,
      { expectedVersion: 0 },
    );
  }
}
