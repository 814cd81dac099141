/**
 * The raid board's part of PersonalDataRecords1767300000001 (kept with the table it changes): the offences lose the
 * offender's name and plate, moved to the personal-data record of the offence's id, and the unkeyed IIN hash.
 */
export const moveOffendersOutOfRaidBoard = (s: string): string[] => [
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
];
