import { DataSource } from 'typeorm';
import { mustExist } from '@app/domain-kernel';
import { photoUrl } from '@app/photo-evidence';
import { ListFilter } from '@app/platform';
import { serviceName } from '../../http/open311/open311-services';

/** Open311 knows two states; ours are finer and travel in the extended attributes. */
export type Open311Status = 'open' | 'closed';

const OPEN_STATES = ['submitted', 'under_review', 'accepted'] as const;
const CLOSED_STATES = ['resolved', 'rejected', 'duplicate'] as const;

export function open311Status(status: string): Open311Status {
  return (CLOSED_STATES as readonly string[]).includes(status) ? 'closed' : 'open';
}

export interface Open311RequestFilter {
  ids?: string[];
  serviceCodes?: string[];
  statuses?: Open311Status[];
  /** The district the citizen named (this server's extension; GeoReport v2 has no such filter). */
  district?: string;
  start?: Date;
  end?: Date;
  limit: number;
  /** Requests to skip, for the page/page_size extension. */
  offset?: number;
}

/**
 * One GeoReport v2 service request: what the public may see of a road report, never its reporter or contact. Its
 * members are in the order of the spec's example, which the XML follows; the spec's members this server has no value
 * for (service_notice, expected_datetime, address_id, zipcode) are left out, as it allows.
 */
export interface Open311ServiceRequest {
  service_request_id: string;
  status: Open311Status;
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  requested_datetime: string;
  updated_datetime: string;
  address: string | null;
  lat: number;
  long: number;
  media_url: string | null;
  /** Chicago's extension: in JSON always, in XML when asked for with extensions=true (the spec's XML has no such tag). */
  extended_attributes: {
    integrity_square_status: string;
    /** The district the report names, as the records spell it (absent on reports filed before districts were kept). */
    district?: string;
    case_id?: string;
    /** Where the receipt of the report's filing is: its inclusion proof in the signed Merkle log, checkable offline. */
    integrity_square_receipt: string;
    /** The receipt of the report's latest event (its latest status). */
    integrity_square_latest_receipt: string;
  };
}

/** A road report as the board and the event store hold it. */
export interface Open311BoardRow {
  id: string;
  status: string;
  district: string | null;
  description: string;
  details: {
    location?: { lat: number; lon: number };
    address?: string;
    defectType?: string;
    photos?: string[];
    photoEvidence?: { sha256: string }[];
  };
  reason: string | null;
  duplicate_of: string | null;
  case_id: string | null;
  outcome: string | null;
  submitted_at: Date;
  updated_at: Date | null;
  filed_event_id: string;
  latest_event_id: string;
}

// updated_datetime is when the report's latest event happened: the board row's version names it in the event store.
const SELECT = `SELECT b.report_id AS id, b.status, b.district, b.description, b.details, b.reason, b.duplicate_of, b.case_id, b.outcome,
       b.submitted_at, e.occurred_at AS updated_at, f.event_id AS filed_event_id, e.event_id AS latest_event_id
  FROM report_board b LEFT JOIN events e ON e.stream_id = b.report_id AND e.stream_version = b.version
  LEFT JOIN events f ON f.stream_id = b.report_id AND f.stream_version = 1`;
/** Open311 serves road defects only; budget doubts are not service requests. */
export const ROAD_DEFECTS = `b.kind = 'road_defect'`;

/**
 * Only what the club accepted is published: a report still waiting for the club, or one it rejected or merged, may
 * hold anything (an insult, a neighbour's name), so its text and photo never leave the service; it is found only by
 * its id, which only its filer holds, to follow its state.
 */
export const PUBLISHED_STATES = ['accepted', 'resolved'] as const;
const isPublished = (status: string) => (PUBLISHED_STATES as readonly string[]).includes(status);

/** Fixed wording per state: the reasons moderators and the road authority write are staff notes, not published. */
function notes(row: Open311BoardRow): string | null {
  switch (row.status) {
    case 'submitted':
      return 'Received; awaiting review by the club';
    case 'under_review':
      return 'Under review by the club';
    case 'accepted':
      return row.case_id ? `Accepted; road case ${row.case_id} opened` : 'Accepted and forwarded to the road authority';
    case 'resolved':
      return row.outcome === 'fixed' ? 'Fixed' : 'Closed without a fix';
    case 'rejected':
      return 'Not accepted by the club';
    case 'duplicate':
      return `Duplicate of ${row.duplicate_of}`;
    default:
      return null;
  }
}

const receiptPath = (eventId: string) => `/audit/receipts/${eventId}`;

export function toOpen311Request(row: Open311BoardRow): Open311ServiceRequest {
  const d = row.details;
  const published = isPublished(row.status);
  const code = d.defectType ?? 'other';
  return {
    service_request_id: row.id,
    status: open311Status(row.status),
    status_notes: notes(row),
    service_name: serviceName(code),
    service_code: code,
    description: published ? row.description : '',
    agency_responsible: 'Integrity Square',
    requested_datetime: new Date(row.submitted_at).toISOString(),
    updated_datetime: new Date(row.updated_at ?? row.submitted_at).toISOString(),
    address: d.address ?? null,
    lat: Number(d.location?.lat),
    long: Number(d.location?.lon),
    // A linked photo as it was given, else the first uploaded one where this service serves it (its own path, as the
    // receipts are).
    media_url: published
      ? (d.photos?.[0] ?? (d.photoEvidence?.[0] ? photoUrl(d.photoEvidence[0].sha256) : null))
      : null,
    extended_attributes: {
      integrity_square_status: row.status,
      ...(row.district ? { district: row.district } : {}),
      ...(row.case_id ? { case_id: row.case_id } : {}),
      integrity_square_receipt: receiptPath(row.filed_event_id),
      integrity_square_latest_receipt: receiptPath(row.latest_event_id ?? row.filed_event_id),
    },
  };
}

/** Road reports as Open311 service requests, read from the report board. */
export class Open311Requests {
  constructor(private readonly dataSource: DataSource) {}

  async one(id: string): Promise<Open311ServiceRequest> {
    const rows: Open311BoardRow[] = await this.dataSource.query(
      `${SELECT} WHERE ${ROAD_DEFECTS} AND b.report_id = $1`,
      [id],
    );
    return toOpen311Request(mustExist(rows[0], 'Service request', id));
  }

  /**
   * The published requests only, by ids (which override every other filter, as the standard says), else by code,
   * status, district and submission window.
   */
  async list(filter: Open311RequestFilter): Promise<Open311ServiceRequest[]> {
    const where = new ListFilter().always(ROAD_DEFECTS).add('b.status = ANY(?::text[])', [...PUBLISHED_STATES]);
    if (filter.ids) {
      where.add('b.report_id = ANY(?::text[])', filter.ids);
    } else {
      where
        .add(`b.details->>'defectType' = ANY(?::text[])`, filter.serviceCodes)
        .add('b.district = ?', filter.district)
        .add(
          'b.status = ANY(?::text[])',
          filter.statuses?.flatMap((s) => (s === 'open' ? [...OPEN_STATES] : [...CLOSED_STATES])),
        )
        .add('b.submitted_at >= ?::timestamptz', filter.start?.toISOString())
        .add('b.submitted_at <= ?::timestamptz', filter.end?.toISOString());
    }
    const rows: Open311BoardRow[] = await this.dataSource.query(
      `${SELECT} ${where.clause} ORDER BY b.submitted_at DESC, b.report_id LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset ?? 0)}`,
      where.params,
    );
    return rows.map(toOpen311Request);
  }
}
