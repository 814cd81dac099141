import type { EntityManager } from 'typeorm';
import { inlineProjection, type RecordedEvent } from '@app/event-store';
import type { ControlDocumentEvent } from '../../domain/control-document.events';
import {
  controlDocumentColumns,
  DOCUMENTS_AWAITING_REPLIES,
  DOCUMENTS_AWAITING_SENDING,
  nextRow,
  type ControlDocumentRow,
} from './control-document-row';

export const CONTROL_DOCUMENT_STREAM = 'ControlDocument';

/** `document_id AS "documentId", …`: every column under its row key. */
export const SELECT_LIST = controlDocumentColumns.select();

async function applyOne(manager: EntityManager, table: string, event: RecordedEvent): Promise<void> {
  const [current] = (await manager.query(`SELECT ${SELECT_LIST} FROM ${table} WHERE document_id = $1`, [
    event.streamId,
  ])) as ControlDocumentRow[];
  const row = nextRow(
    current ?? null,
    { type: event.type, data: event.data } as ControlDocumentEvent,
    event.streamVersion,
  );
  await controlDocumentColumns.upsert(manager, table, row);
}

/** One row per final document of public control: its deadlines, and each recommendation's reply, overdue and escalation. */
export const controlDocumentsProjection = inlineProjection({
  name: 'control-documents',
  table: 'control_documents',
  handles: (event) => event.streamType === CONTROL_DOCUMENT_STREAM,
  // The two partial ones serve the overdue sweep (control-documents-sweep-indexes.migration.ts).
  createTable: (table) => `
    CREATE TABLE ${table} (${controlDocumentColumns.definitions(', ')});
    CREATE INDEX ON ${table} (institution_bin, status);
    CREATE INDEX ON ${table} (subject_kind, subject_id);
    CREATE INDEX ON ${table} (send_due_on) WHERE ${DOCUMENTS_AWAITING_SENDING};
    CREATE INDEX ON ${table} (reply_due_on) WHERE ${DOCUMENTS_AWAITING_REPLIES}`,
  applyEvent: applyOne,
});
