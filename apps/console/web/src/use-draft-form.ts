import { useState } from 'preact/hooks';
import { draftBinder } from './components/field.component';

/** The first field in error (its id `<prefix>-<name>`) takes the focus; true when there is none. */
export function focusFirstError(prefix: string, found: object): boolean {
  const first = Object.keys(found)[0];
  if (first) document.getElementById(`${prefix}-${first}`)?.focus();
  return !first;
}

/**
 * A form's draft (one text per field), the errors its check found and its fields bound (ids `<prefix>-<name>`).
 * `check` shows the errors found and says whether there were none, so the form may be sent; `reset` empties it.
 */
export function useDraftForm<D extends Record<string, string>>(prefix: string, initial: D | (() => D)) {
  const [draft, setDraft] = useState<D>(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof D, string>>>({});
  const update = (change: Partial<D>) => setDraft((d) => ({ ...d, ...change }));
  const bind = draftBinder(prefix, draft, errors, update);
  const check = (found: Partial<Record<keyof D, string>>) => {
    setErrors(found);
    return focusFirstError(prefix, found);
  };
  const reset = () => setDraft(typeof initial === 'function' ? initial() : initial);
  return { draft, setDraft, update, errors, bind, check, reset };
}
