import { schemaMigration } from '@app/platform';

/**
 * Two partial indexes for the overdue sweep of the final documents (every PUBLIC_CONTROL_OVERDUE_SWEEP_SECONDS, 60
 * by default). Every document is 'issued' or 'sent', so the sweep's 'sent' arm matched every document ever sent, and
 * with no index led by the status or a deadline it read the whole table and unpacked each one's recommendations on
 * every sweep: a cost that grew with every document. Each index holds only the documents its arm wants (unsent and
 * unmarked; sent with a recommendation neither answered nor marked), so it stays as small as the work waiting.
 * IF NOT EXISTS: a table created after this change has them already (controlDocumentsProjection's DDL, named as
 * Postgres names them). The WHEREs are the text of DOCUMENTS_AWAITING_SENDING and DOCUMENTS_AWAITING_REPLIES when
 * this was written (control-document-row.ts).
 */
export const ControlDocumentsSweepIndexes1768000000200 = schemaMigration('ControlDocumentsSweepIndexes1768000000200', {
  up: (s) => [
    `CREATE INDEX IF NOT EXISTS control_documents_send_due_on_idx ON "${s}".control_documents (send_due_on)
       WHERE status = 'issued' AND NOT sending_overdue`,
    `CREATE INDEX IF NOT EXISTS control_documents_reply_due_on_idx ON "${s}".control_documents (reply_due_on)
       WHERE status = 'sent' AND recommendations @? '$[*] ? (@.reply == null && @.replyOverdue == false)'`,
  ],
  down: (s) => [
    `DROP INDEX "${s}".control_documents_send_due_on_idx`,
    `DROP INDEX "${s}".control_documents_reply_due_on_idx`,
  ],
});
