import { toOpen311Update, UPDATE_EVENT_TYPES, type Open311UpdateRow } from './open311-updates.queries';

describe("a report's status changes as mySociety's service request updates", () => {
  const row = (event_type: string, payload: Open311UpdateRow['payload'] = {}): Open311UpdateRow => ({
    event_id: 'e-7',
    stream_id: 'r-1',
    event_type,
    payload: { ...payload, reason: 'Staff note: the reporter is a neighbour' } as Open311UpdateRow['payload'],
    occurred_at: new Date('2026-11-26T10:00:00Z'),
  });

  it('takes each status change, in mySociety’s extended states, the event id as the update’s', () => {
    expect(toOpen311Update(row('ReviewStarted'))).toEqual({
      update_id: 'e-7',
      service_request_id: 'r-1',
      status: 'INVESTIGATING',
      updated_datetime: '2026-11-26T10:00:00.000Z',
      description: 'Under review by the club',
    });
    expect(
      [
        row('ReportAccepted'),
        row('ReportCaseLinked', { caseId: 'case-9' }),
        row('ReportResolved', { outcome: 'fixed' }),
        row('ReportResolved', { outcome: 'closed_without_fix' }),
        row('ReportRejected'),
        row('ReportMarkedDuplicate', { duplicateOf: 'r-0' }),
        row('ReportReopened'),
      ].map((r) => {
        const { status, description } = toOpen311Update(r);
        return [status, description];
      }),
    ).toEqual([
      ['ACTION_SCHEDULED', 'Accepted by the club and forwarded to the road authority'],
      ['IN_PROGRESS', 'Road case case-9 opened'],
      ['FIXED', 'Fixed'],
      ['NO_FURTHER_ACTION', 'Closed without a fix'],
      ['NO_FURTHER_ACTION', 'Not accepted by the club'],
      ['DUPLICATE', 'Duplicate of r-0'],
      ['OPEN', 'Reopened; awaiting review by the club'],
    ]);
  });

  it("never publishes a moderator's, inspector's or reporter's reason, and skips the filing and the forwarding", () => {
    for (const type of UPDATE_EVENT_TYPES)
      expect(JSON.stringify(toOpen311Update(row(type, { caseId: 'c', duplicateOf: 'd' })))).not.toContain('Staff note');
    expect(UPDATE_EVENT_TYPES).not.toContain('ReportSubmitted');
    expect(UPDATE_EVENT_TYPES).not.toContain('ReportForwarded');
  });
});
