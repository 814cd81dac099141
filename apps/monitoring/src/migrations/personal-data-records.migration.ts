import { schemaMigration } from '@app/platform';

/**
 * Reporters' contacts move into the shared personal-data records (subject: the report's id), and the raid board's
 * offences lose the offender's name and plate (moved to the record of the offence's id) and the unkeyed IIN hash.
 */
export const PersonalDataRecords1767300000001 = schemaMigration('PersonalDataRecords1767300000001', {
  up: (s) => [
    `
      INSERT INTO "${s}".personal_data (subject_id, purpose, fields, recorded_at)
      SELECT report_id::uuid, 'reporter-contact', jsonb_strip_nulls(jsonb_build_object('name', name, 'phone', phone, 'email', email)),
             recorded_at
        FROM "${s}".reporter_contacts
      ON CONFLICT (subject_id) DO NOTHING`,
    `DROP TABLE "${s}".reporter_contacts`,
    `
      INSERT INTO "${s}".personal_data (subject_id, purpose, fields)
      SELECT (o->>'offenceId')::uuid, 'raid-offender',
             jsonb_strip_nulls(jsonb_build_object('name', o->>'offenderName', 'plate', o->>'vehiclePlate'))
        FROM "${s}".raid_board, jsonb_array_elements(offences) o
       WHERE o ? 'offenderName'
      ON CONFLICT (subject_id) DO NOTHING`,
    `
      UPDATE "${s}".raid_board
         SET offences = (SELECT jsonb_agg((o - 'offenderName' - 'vehiclePlate' - 'offenderIinSha256')
                                          || '{"offenderIinHmacSha256": null, "offenderIinKeyId": null}'::jsonb)
                           FROM jsonb_array_elements(offences) o)
       WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(offences) o WHERE o ? 'offenderName')`,
  ],
  down: () => {
    throw new Error('PersonalDataRecords1767300000001 cannot be undone: use the personal-data records');
  },
});
