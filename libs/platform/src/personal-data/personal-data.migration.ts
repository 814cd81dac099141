import { tableMigration } from '../database/schema-migration';

/**
 * Personal data, kept out of the immutable log: a reporter's contact, an offender's name, IIN and plate. One row
 * per subject (the id of the report, offence or fine the data belongs to), its fields as JSON; erasure empties the
 * fields and records who erased them, when and why (the erasure itself is also an event in the log). Because no
 * event ever held these fields, erasing them leaves every hash chain intact. An ordinary table: the runtime role
 * reads and writes it row by row (runtime-privileges.ts).
 */
export const PersonalData1767300000000 = tableMigration('PersonalData1767300000000', 'personal_data', {
  columns: `
        subject_id uuid PRIMARY KEY,
        purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z-]{0,39}$'),
        fields jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        erased_by text,
        erasure_reason text,
        CHECK (erased_at IS NULL OR (fields = '{}'::jsonb AND erased_by IS NOT NULL AND erasure_reason IS NOT NULL))`,
});
