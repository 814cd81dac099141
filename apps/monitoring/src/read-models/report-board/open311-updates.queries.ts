import { DataSource } from 'typeorm';
import { PUBLISHED_STATES, ROAD_DEFECTS } from './open311-requests.queries';
import { REPORT_STREAM } from './report-board.projection';

/**
 * The status a request has after an update, in mySociety's extended states (its GET Service Request Updates, the
 * FixMyStreet client's map_state): GeoReport's bare open/closed would tell a follower that a report closed without
 * a fix was fixed, which FixMyStreet's client reads a bare "closed" as.
 */
export type Open311UpdateStatus =
  'OPEN' | 'INVESTIGATING' | 'ACTION_SCHEDULED' | 'IN_PROGRESS' | 'FIXED' | 'NO_FURTHER_ACTION' | 'DUPLICATE';

/** One update in mySociety's servicerequestupdates, its members in the order of their specification. */
export interface Open311ServiceRequestUpdate {
  /** The event's id: the same update keeps its id in every answer, so a follower takes each once. */
  update_id: string;
  service_request_id: string;
  status: Open311UpdateStatus;
  updated_datetime: string;
  description: string;
}

/** A report's event as the updates read it. */
export interface Open311UpdateRow {
  event_id: string;
  stream_id: string;
  event_type: string;
  payload: { caseId?: string; outcome?: string; duplicateOf?: string };
  occurred_at: Date;
}

/**
 * What each of a report's status changes tells the public, in fixed words: the reasons moderators, inspectors and
 * reporters write (a rejection's, a resolution's, a reopening's) are never published, as the request's status_notes
 * never publish them. ReportSubmitted is the request itself and ReportForwarded the same step as its acceptance.
 */
const UPDATES: Record<
  string,
  (p: Open311UpdateRow['payload']) => { status: Open311UpdateStatus; description: string }
> = {
  ReviewStarted: () => ({ status: 'INVESTIGATING', description: 'Under review by the club' }),
  ReportAccepted: () => ({
    status: 'ACTION_SCHEDULED',
    description: 'Accepted by the club and forwarded to the road authority',
  }),
  ReportCaseLinked: (p) => ({ status: 'IN_PROGRESS', description: `Road case ${p.caseId} opened` }),
  ReportResolved: (p) =>
    p.outcome === 'fixed'
      ? { status: 'FIXED', description: 'Fixed' }
      : { status: 'NO_FURTHER_ACTION', description: 'Closed without a fix' },
  ReportRejected: () => ({ status: 'NO_FURTHER_ACTION', description: 'Not accepted by the club' }),
  ReportMarkedDuplicate: (p) => ({ status: 'DUPLICATE', description: `Duplicate of ${p.duplicateOf}` }),
  ReportReopened: () => ({ status: 'OPEN', description: 'Reopened; awaiting review by the club' }),
};
export const UPDATE_EVENT_TYPES = Object.keys(UPDATES);

export function toOpen311Update(row: Open311UpdateRow): Open311ServiceRequestUpdate {
  const { status, description } = UPDATES[row.event_type](row.payload ?? {});
  return {
    update_id: row.event_id,
    service_request_id: row.stream_id,
    status,
    updated_datetime: new Date(row.occurred_at).toISOString(),
    description,
  };
}

export interface Open311UpdateFilter {
  start: Date;
  end: Date;
  limit: number;
  offset?: number;
}

/**
 * The status changes of the road reports the public may see (those the club accepted, as GET requests lists them),
 * read from the reports' events, oldest first: a follower applies them in order, so the last one it takes is the
 * request's state. A report the club has not accepted (or took back to review after a reopening) is in no list, and
 * its updates in none either.
 */
export class Open311Updates {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: Open311UpdateFilter): Promise<Open311ServiceRequestUpdate[]> {
    // The stream type is written in, not a parameter: the window is read through a partial index on the Report
    // stream's events (open311-updates-index.migration.ts), which a plan for any stream type could not use.
    const rows: Open311UpdateRow[] = await this.dataSource.query(
      `SELECT e.event_id, e.stream_id, e.event_type, e.payload, e.occurred_at
         FROM report_board b JOIN events e ON e.stream_id = b.report_id AND e.stream_type = '${REPORT_STREAM}'
        WHERE ${ROAD_DEFECTS} AND b.status = ANY($1::text[]) AND e.event_type = ANY($2::text[])
          AND e.occurred_at >= $3::timestamptz AND e.occurred_at <= $4::timestamptz
        ORDER BY e.occurred_at, e.global_position
        LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset ?? 0)}`,
      [[...PUBLISHED_STATES], UPDATE_EVENT_TYPES, filter.start.toISOString(), filter.end.toISOString()],
    );
    return rows.map(toOpen311Update);
  }
}
