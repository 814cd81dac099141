import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { FilterCheck } from '../use-address-filters';
import { CodeField } from './field.component';

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
 * A lookup by one field (a report's number, a week, a year, a BIN): a search form (named by `search`, when it has a
 * name), the field and its button (`submit`). What was typed is looked up trimmed: `problem` says what is wrong with
 * it (shown with the field, which then takes the focus), as a list's filter checks it, or false, and then `go` goes
 * to it. What is looked up is a code, never words (`CodeField`).
 */
export function LookupForm(
  props: Omit<Parameters<typeof CodeField>[0], 'error'> & {
    search?: string;
    filters?: boolean;
    submit: string;
    problem: FilterCheck;
    go: (text: string) => void;
  },
) {
  const { search, filters, submit, problem, go, ...field } = props;
  const { error, look } = useLookup(field.id);
  const onSubmit = () => {
    const text = field.value.trim();
    look(problem(text) || null, () => go(text));
  };
  return (
    <SearchForm label={search} filters={filters} onSubmit={onSubmit}>
      <CodeField {...field} error={error} />
      <button type="submit">{submit}</button>
    </SearchForm>
  );
}

/**
 * A lookup by one field (its id `fieldId`): its error, and `look`, which shows what is wrong with what was typed
 * (the field then takes the focus) or, when nothing is, clears the error and goes.
 */
function useLookup(fieldId: string) {
  const [error, setError] = useState<string | null>(null);
  const look = (problem: string | null, go: () => void) => {
    setError(problem);
    if (problem) document.getElementById(fieldId)?.focus();
    else go();
  };
  return { error, look };
}
