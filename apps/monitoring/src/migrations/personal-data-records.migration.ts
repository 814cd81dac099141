import { schemaMigration } from '@app/platform';
import { moveOffendersOutOfRaidBoard } from '../read-models/raid-board/raid-board-offenders.migration-steps';

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
    ...moveOffendersOutOfRaidBoard(s),
  ],
  down: () => {
    throw new Error('PersonalDataRecords1767300000001 cannot be undone: use the personal-data records');
  },
});
