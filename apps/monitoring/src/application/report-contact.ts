/** A reporter's contact, kept in the personal-data record of their report's id, never in an event. */
export interface ReporterContact {
  name?: string;
  phone?: string;
  email?: string;
}

/** What the personal-data record of a report is for. */
export const CONTACT_PURPOSE = 'reporter-contact';
