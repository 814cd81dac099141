import { open311Status, toOpen311Request, type Open311BoardRow } from './open311-requests.queries';

describe('road reports as Open311 service requests', () => {
  const row = (over: Partial<Open311BoardRow> = {}): Open311BoardRow => ({
    id: 'r-1',
    status: 'submitted',
    district: 'Taraz',
    description: 'Pothole',
    reason: null,
    duplicate_of: null,
    case_id: null,
    outcome: null,
    details: {
      location: { lat: 42.9, lon: 71.3667 },
      address: 'Tole bi 12',
      defectType: 'pothole',
      photos: ['https://p.example/1.jpg'],
    },
    submitted_at: new Date('2026-11-20T10:00:00Z'),
    updated_at: new Date('2026-11-21T10:00:00Z'),
    filed_event_id: 'e-1',
    latest_event_id: 'e-3',
    ...over,
  });

  it.each([
    ['submitted', 'open'],
    ['under_review', 'open'],
    ['accepted', 'open'],
    ['resolved', 'closed'],
    ['rejected', 'closed'],
    ['duplicate', 'closed'],
  ])('maps %s to %s', (status, expected) => {
    expect(open311Status(status)).toBe(expected);
  });

  it('carries the fine-grained state, and the road case once one is linked', () => {
    expect(toOpen311Request(row())).toMatchObject({
      service_request_id: 'r-1',
      status: 'open',
      service_name: 'Pothole',
      service_code: 'pothole',
      lat: 42.9,
      long: 71.3667,
      address: 'Tole bi 12',
      requested_datetime: '2026-11-20T10:00:00.000Z',
      updated_datetime: '2026-11-21T10:00:00.000Z',
      extended_attributes: { integrity_square_status: 'submitted', district: 'Taraz' },
    });
    expect(toOpen311Request(row()).extended_attributes).not.toHaveProperty('case_id');
    // A report kept before districts were: no district rather than an empty one.
    expect(toOpen311Request(row({ district: null })).extended_attributes).not.toHaveProperty('district');
    const resolved = toOpen311Request(row({ status: 'resolved', outcome: 'fixed', case_id: 'case-7' }));
    expect(resolved).toMatchObject({
      status: 'closed',
      status_notes: 'Fixed',
      extended_attributes: { integrity_square_status: 'resolved', case_id: 'case-7' },
    });
  });

  it("publishes the text and photo of what the club accepted only, and never a moderator's or inspector's reason", () => {
    const accepted = toOpen311Request(row({ status: 'accepted', reason: null }));
    expect(accepted).toMatchObject({ description: 'Pothole', media_url: 'https://p.example/1.jpg' });
    // An uploaded photo (no link given) is named where this service serves it, by its hash.
    const sha256 = 'ab'.repeat(32);
    const uploaded = row({
      status: 'accepted',
      details: { ...row().details, photos: [], photoEvidence: [{ sha256 }] },
    });
    expect(toOpen311Request(uploaded).media_url).toBe(`/photos/${sha256}`);
    expect(toOpen311Request({ ...uploaded, status: 'submitted' }).media_url).toBeNull();
    for (const status of ['submitted', 'under_review', 'rejected', 'duplicate']) {
      const unpublished = toOpen311Request(row({ status, reason: 'Staff note: the reporter is a neighbour' }));
      expect({ status, description: unpublished.description, media_url: unpublished.media_url }).toEqual({
        status,
        description: '',
        media_url: null,
      });
      expect(JSON.stringify(unpublished)).not.toContain('Staff note');
    }
    const notFixed = toOpen311Request(
      row({ status: 'resolved', outcome: 'not_fixed', reason: 'Inspector: no budget' }),
    );
    expect(notFixed.status_notes).toBe('Closed without a fix');
  });

  it('links the receipts of the filing and of the latest event', () => {
    expect(toOpen311Request(row()).extended_attributes).toMatchObject({
      integrity_square_receipt: '/audit/receipts/e-1',
      integrity_square_latest_receipt: '/audit/receipts/e-3',
    });
  });

  it("lists its members in the order of the spec's example, the extension last", () => {
    expect(Object.keys(toOpen311Request(row({ case_id: 'case-7' })))).toEqual([
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'requested_datetime',
      'updated_datetime',
      'address',
      'lat',
      'long',
      'media_url',
      'extended_attributes',
    ]);
  });

  it('takes the submission time as the update time before any later event is found', () => {
    expect(toOpen311Request(row({ updated_at: null })).updated_datetime).toBe('2026-11-20T10:00:00.000Z');
  });
});
