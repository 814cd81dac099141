/** Turns a stored payload of one schema version into the next version's shape. */
export type Upcaster = (payload: Record<string, unknown>) => Record<string, unknown>;

/**
 * Upcasters registered per (event type, from version). Old events are upcast on read, never rewritten:
 * the stored bytes stay what the hash chain covers.
 */
export class UpcasterRegistry {
  private readonly upcasters = new Map<string, Upcaster>();
  private readonly latest = new Map<string, number>();

  register(eventType: string, fromVersion: number, upcaster: Upcaster): this {
    const key = `${eventType}@${fromVersion}`;
    if (this.upcasters.has(key)) throw new Error(`an upcaster for ${key} is already registered`);
    // Chains must be contiguous, or reads would stop short of the version new events are written with.
    if (fromVersion !== this.currentVersion(eventType)) {
      throw new Error(
        `upcasters of ${eventType} must be registered in order: expected from version ${this.currentVersion(eventType)}, got ${fromVersion}`,
      );
    }
    this.upcasters.set(key, upcaster);
    this.latest.set(eventType, Math.max(this.latest.get(eventType) ?? 1, fromVersion + 1));
    return this;
  }

  /** The schema version new events of this type are written with. */
  currentVersion(eventType: string): number {
    return this.latest.get(eventType) ?? 1;
  }

  upcast(
    eventType: string,
    schemaVersion: number,
    payload: Record<string, unknown>,
  ): { schemaVersion: number; payload: Record<string, unknown> } {
    let version = schemaVersion;
    let data = payload;
    for (
      let upcaster = this.upcasters.get(`${eventType}@${version}`);
      upcaster;
      upcaster = this.upcasters.get(`${eventType}@${version}`)
    ) {
      data = upcaster(data);
      version++;
    }
    return { schemaVersion: version, payload: data };
  }
}
