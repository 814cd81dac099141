import { UpcasterRegistry } from './upcasters';

// TallyCounted v1 {count} → v2 {by} → v3 {by, unit}
function tallyRegistry(): UpcasterRegistry {
  return new UpcasterRegistry()
    .register('TallyCounted', 1, ({ count, ...rest }) => ({ ...rest, by: count }))
    .register('TallyCounted', 2, (payload) => ({ ...payload, unit: 'piece' }));
}

describe('UpcasterRegistry', () => {
  it('says version 1 for a type without upcasters', () => {
    expect(new UpcasterRegistry().currentVersion('TallyCounted')).toBe(1);
    expect(tallyRegistry().currentVersion('TallyOpened')).toBe(1);
  });

  it('says the version after the last upcaster is current', () => {
    const registry = new UpcasterRegistry().register('TallyCounted', 1, (p) => p);
    expect(registry.currentVersion('TallyCounted')).toBe(2);
    expect(tallyRegistry().currentVersion('TallyCounted')).toBe(3);
  });

  it('chains registrations (register returns the registry)', () => {
    const registry = new UpcasterRegistry();
    expect(registry.register('A', 1, (p) => p)).toBe(registry);
  });

  it('upcasts from version 1 through the whole chain', () => {
    expect(tallyRegistry().upcast('TallyCounted', 1, { count: 2 })).toEqual({
      schemaVersion: 3,
      payload: { by: 2, unit: 'piece' },
    });
  });

  it('upcasts from an intermediate version through the rest of the chain', () => {
    expect(tallyRegistry().upcast('TallyCounted', 2, { by: 2 })).toEqual({
      schemaVersion: 3,
      payload: { by: 2, unit: 'piece' },
    });
  });

  it('leaves a payload at the current version as it is', () => {
    const payload = { by: 2, unit: 'kg' };
    const result = tallyRegistry().upcast('TallyCounted', 3, payload);
    expect(result).toEqual({ schemaVersion: 3, payload: { by: 2, unit: 'kg' } });
    expect(result.payload).toBe(payload);
  });

  it('applies upcasters in version order', () => {
    const calls: number[] = [];
    const registry = new UpcasterRegistry()
      .register('A', 1, (p) => (calls.push(1), { ...p, v1: true }))
      .register('A', 2, (p) => (calls.push(2), { ...p, v2: true }));
    expect(registry.upcast('A', 1, {})).toEqual({ schemaVersion: 3, payload: { v1: true, v2: true } });
    expect(calls).toEqual([1, 2]);
  });

  it('refuses a chain with a gap or out of order', () => {
    expect(() => new UpcasterRegistry().register('A', 2, (p) => p)).toThrow(/expected from version 1, got 2/);
    expect(() => new UpcasterRegistry().register('A', 1, (p) => p).register('A', 3, (p) => p)).toThrow(
      /expected from version 2, got 3/,
    );
  });

  it('does not mutate the stored payload', () => {
    const stored = { count: 5 };
    tallyRegistry().upcast('TallyCounted', 1, stored);
    expect(stored).toEqual({ count: 5 });
  });

  it('refuses a second upcaster for the same type and version', () => {
    const registry = tallyRegistry();
    expect(() => registry.register('TallyCounted', 1, (p) => p)).toThrow(/TallyCounted@1/);
    // a different type with the same version is fine
    expect(() => registry.register('TallyClosed', 1, (p) => p)).not.toThrow();
  });

  it('leaves other event types untouched', () => {
    const payload = { count: 2 };
    const result = tallyRegistry().upcast('TallyOpened', 1, payload);
    expect(result).toEqual({ schemaVersion: 1, payload: { count: 2 } });
    expect(result.payload).toBe(payload);
  });
});
