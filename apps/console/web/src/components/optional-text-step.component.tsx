import { ProseField, type BoundField } from './field.component';
import { StepForm } from './step-form.component';

/** A step that takes one text the role may leave empty (a repair's note, a raid's summary), sent trimmed. */
export function OptionalTextStep(props: {
  words: string;
  busy: boolean;
  field: BoundField;
  label: string;
  onSend: (text: string) => void;
}) {
  return (
    <StepForm words={props.words} busy={props.busy} onSubmit={() => props.onSend(props.field.value.trim())}>
      <ProseField {...props.field} label={props.label} optional />
    </StepForm>
  );
}
