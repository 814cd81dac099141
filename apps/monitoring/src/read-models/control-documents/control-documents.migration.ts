import { projectionTablesMigration } from '@app/event-store';
import { controlDocumentsProjection } from './control-documents.projection';

/** The final documents' table, created from the projection's own DDL (the one a rebuild uses). */
export const ControlDocuments1767500000001 = projectionTablesMigration('ControlDocuments1767500000001', [
  controlDocumentsProjection,
]);
