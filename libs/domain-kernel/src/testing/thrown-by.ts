/**
 * What `fn` throws, for a spec to assert on the error itself (its code, fields, message). Given a class, the error
 * is expected to be one of it and typed so; a call that returns fails the spec either way.
 */
export function thrownBy(fn: () => unknown): unknown;
export function thrownBy<E>(fn: () => unknown, errorClass: new (...args: never[]) => E): E;
export function thrownBy(fn: () => unknown, errorClass?: new (...args: never[]) => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (errorClass) expect(error).toBeInstanceOf(errorClass);
    return error;
  }
  throw new Error(errorClass ? `expected a ${errorClass.name}` : 'expected the call to throw');
}
