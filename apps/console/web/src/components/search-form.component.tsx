import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/**
 * A form that finds something (a record by its number, a week, a year, a list's filters): named by `label` as a
 * search, when it has one; `filters` sets it as a list's filters are. The page checks the fields; the browser's own
 * validation stays off, so every error is the page's, in the reader's language.
 */
export function SearchForm(props: {
  label?: string;
  filters?: boolean;
  onSubmit: () => void;
  children: ComponentChildren;
}) {
  return (
    <form
      class={props.filters ? 'form inline filters' : 'form inline'}
      role={props.label === undefined ? undefined : 'search'}
      aria-label={props.label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
    </form>
  );
}

/**
 * A lookup by one field (its id `fieldId`): its error, and `look`, which shows what is wrong with what was typed
 * (the field then takes the focus) or, when nothing is, clears the error and goes.
 */
export function useLookup(fieldId: string) {
  const [error, setError] = useState<string | null>(null);
  const look = (problem: string | null, go: () => void) => {
    setError(problem);
    if (problem) document.getElementById(fieldId)?.focus();
    else go();
  };
  return { error, look };
}
