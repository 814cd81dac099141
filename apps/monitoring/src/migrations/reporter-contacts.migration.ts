import { tableMigration } from '@app/platform';

/**
 * Reporters' contacts: personal data, kept apart from the public report and out of every event (so out of Kafka
 * and of the hash chains). Written in the report's append transaction; read only for moderators.
 */
export const ReporterContacts1764500000001 = tableMigration('ReporterContacts1764500000001', 'reporter_contacts', {
  columns: `
        report_id text PRIMARY KEY,
        name text,
        phone text,
        email text,
        recorded_at timestamptz NOT NULL DEFAULT now()`,
});
