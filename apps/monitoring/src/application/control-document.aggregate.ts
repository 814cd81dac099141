import { defineAggregate, streamThread } from '@app/event-store';
import { controlDocumentDecider } from '../domain/control-document.decider';
import { CONTROL_DOCUMENT_STREAM } from '../read-models/control-documents/control-documents.projection';

/** A final document of public control: one thread from its issue to the last recommendation's outcome. */
export const controlDocumentAggregate = defineAggregate({
  name: 'ControlDocument',
  streamType: CONTROL_DOCUMENT_STREAM,
  decider: controlDocumentDecider,
  creates: ['IssueFinalDocument'],
  thread: streamThread,
});
