/** One dependency the service needs to take work (Postgres, Kafka or the in-process bus). */
export interface ReadinessIndicator {
  readonly name: string;
  check(): Promise<ReadinessResult>;
}

export interface ReadinessResult {
  up: boolean;
  detail?: string;
}

export const READINESS_INDICATORS = Symbol('READINESS_INDICATORS');

/** Races a check against a deadline so a hung dependency reads as down, not as a hung probe. */
export async function checkWithin(indicator: ReadinessIndicator, timeoutMs: number): Promise<ReadinessResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ReadinessResult>((resolve) => {
    timer = setTimeout(() => resolve({ up: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([
      indicator.check().catch((error: Error) => ({ up: false, detail: error.message })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
