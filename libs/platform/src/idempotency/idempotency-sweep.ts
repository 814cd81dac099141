import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicSweep } from '../bootstrap/periodic-sweep';
import { JsonLogger } from '../logging/json-logger';
import { IdempotencyStore } from './idempotency-store';

/** Expired keys are already ignored when read; this only keeps the table from growing (hourly). */
const PURGE_INTERVAL_MS = 3_600_000;

@Injectable()
export class IdempotencyKeySweep extends PeriodicSweep {
  private readonly store: IdempotencyStore;

  constructor(dataSource: DataSource, logger: JsonLogger) {
    super(logger, PURGE_INTERVAL_MS, 'IdempotencyKeySweep');
    this.store = new IdempotencyStore(dataSource);
  }

  run(): Promise<number> {
    return this.store.purgeExpired();
  }
}
