import type {
  ComponentChildren,
  InputHTMLAttributes,
  PartialInputHTMLAttributes,
  PartialSelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'preact';
import { useI18n } from '../i18n/i18n-context';

/** What frames every control: its id, the label naming it, a hint and an error read with it, a required mark. */
export interface FieldFrame {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  /** Marks the label "(required)"; the control's own `required` attribute is separate. */
  mandatory?: boolean;
  /** Says under the label that it may be left empty (when it has no other hint). */
  optional?: boolean;
  /** The control's current text, and what to do with the next one (the event's plumbing is the field's). */
  value: string;
  onValue: (value: string) => void;
}

/** A field as `draftBinder` binds it: its id, value, error and setter. */
export type BoundField = Pick<FieldFrame, 'id' | 'value' | 'error' | 'onValue'>;

/** The attributes a control keeps for itself: the frame sets its id, value, description and validity. */
type Own<A> = Omit<
  A,
  keyof FieldFrame | 'aria-describedby' | 'aria-invalid' | 'onInput' | 'onChange' | 'children' | 'role'
>;

/**
 * A labelled control: the label names it, the hint and the error are read with it (aria-describedby), and an error
 * marks it invalid. Every input of the console is one of the three below.
 */
function Field(props: { frame: FieldFrame; control: (a11y: ControlA11y) => ComponentChildren }) {
  const { t } = useI18n();
  const { id, label, error, mandatory } = props.frame;
  const hint = props.frame.hint ?? (props.frame.optional ? t('form.optional') : undefined);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>
        {label}
        {mandatory && <span class="required"> ({t('form.required')})</span>}
      </label>
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      {props.control({ id, 'aria-describedby': describedBy, 'aria-invalid': Boolean(error) })}
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface ControlA11y {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean;
}

/** The frame's props, and the rest for the control. */
function split<P extends FieldFrame>(props: P): [FieldFrame, Omit<P, keyof FieldFrame>] {
  const { id, label, hint, error, mandatory, optional, value, onValue, ...control } = props;
  return [{ id, label, hint, error, mandatory, optional, value, onValue }, control];
}

const text = (event: Event) => (event.currentTarget as HTMLInputElement).value;

export function InputField(props: FieldFrame & Own<PartialInputHTMLAttributes<HTMLInputElement>>) {
  const [frame, control] = split(props);
  // Preact types each input kind with the roles it may take; a field's control takes none, whatever its kind.
  const attributes = control as InputHTMLAttributes<HTMLInputElement>;
  return (
    <Field
      frame={frame}
      control={(a11y) => (
        <input {...attributes} {...a11y} value={frame.value} onInput={(e) => frame.onValue(text(e))} />
      )}
    />
  );
}

/**
 * A field that takes a code, not words (a number, a BIN, a plate, a bank's reference): no spell-checking, no
 * autocompletion; one of so many `digits` (a year, a BIN) asks for the number keyboard and takes no more.
 */
export function CodeField(props: Parameters<typeof InputField>[0] & { digits?: number }) {
  const { digits, ...field } = props;
  const number = digits === undefined ? {} : ({ inputMode: 'numeric', maxLength: digits } as const);
  return <InputField spellcheck={false} autoComplete="off" {...number} {...field} />;
}

export function TextAreaField(props: FieldFrame & Own<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const [frame, control] = split(props);
  return (
    <Field
      frame={frame}
      control={(a11y) => (
        <textarea {...control} {...a11y} value={frame.value} onInput={(e) => frame.onValue(text(e))} />
      )}
    />
  );
}

/** The most the services take of a text in one's own words (a reason, a description, a summary). */
const PROSE_LIMIT = 2000;

/** A text in the writer's own words: three rows to start with, and as long as the services take. */
export function ProseField(props: Parameters<typeof TextAreaField>[0]) {
  return <TextAreaField rows={3} maxLength={PROSE_LIMIT} {...props} />;
}

export interface Choice {
  value: string;
  label: string;
}

/** A list to choose from; `empty` names the "nothing chosen yet" first option (its value is ''), when there is one. */
export function SelectField(
  props: FieldFrame & { options: readonly Choice[]; empty?: string } & Own<
      PartialSelectHTMLAttributes<HTMLSelectElement>
    >,
) {
  const [frame, { options, empty, ...control }] = split(props);
  return (
    <Field
      frame={frame}
      control={(a11y) => (
        <select {...control} {...a11y} value={frame.value} onChange={(e) => frame.onValue(text(e))}>
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/**
 * Binds a form's draft (one text per field) to its fields: `bind('lat')` is the id (`<prefix>-lat`), value, error
 * and setter of that field, so a page states per field only its label and what is particular to it.
 */
export function draftBinder<D extends Record<string, string>>(
  prefix: string,
  draft: D,
  errors: Partial<Record<keyof D, string>>,
  update: (change: Partial<D>) => void,
) {
  return <K extends keyof D & string>(name: K) => ({
    id: `${prefix}-${name}`,
    value: draft[name],
    error: errors[name],
    onValue: (value: string) => update({ [name]: value } as unknown as Partial<D>),
  });
}
