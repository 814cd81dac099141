/**
 * A value that a beforeAll provides, handed out when the describe block is declared: `value` stands for it (every
 * property read goes to the value set last), so a test reads `service.url` as if it had assigned `service` itself.
 * Reading it before beforeAll ran names what is missing instead of failing on undefined.
 */
export function provided<T extends object>(
  what: string,
  source?: () => T | undefined,
): { value: T; set(value: T): void; current(): T | undefined } {
  let current: T | undefined;
  const target = () => {
    const value = source ? source() : current;
    if (value === undefined) throw new Error(`${what} is not there yet: it is provided in beforeAll`);
    return value;
  };
  const value = new Proxy({} as T, {
    get: (_, key) => {
      const object = target();
      const property = Reflect.get(object, key, object);
      return typeof property === 'function' ? property.bind(object) : property;
    },
    set: (_, key, property) => Reflect.set(target(), key, property),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(target(), key),
  });
  return {
    value,
    set: (next) => void (current = next),
    current: () => (source ? source() : current),
  };
}
