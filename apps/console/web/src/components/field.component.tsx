import type { ComponentChildren } from 'preact';

/**
 * A labelled control: the label names it, the hint and the error are read with it (aria-describedby), and an error
 * marks it invalid. Every input of the console is one of these.
 */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
  requiredText?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.id}>
        {props.label}
        {props.required && props.requiredText && <span class="required"> ({props.requiredText})</span>}
      </label>
      {props.hint && (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      )}
      {props.children(describedBy, Boolean(props.error))}
      {props.error && (
        <p id={errorId} class="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}
