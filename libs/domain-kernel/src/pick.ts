/**
 * The named properties of an object, as a new one: how an evolve function lets the state take, by name, the facts of
 * an event it keeps (`{ ...state, status: 'signed', ...pick(data, 'contractId', 'amountTiyn') }`), in place of a line
 * `key: data.key` for each.
 */
export function pick<T extends object, K extends keyof T>(from: T, ...keys: K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = from[key];
  return picked;
}
