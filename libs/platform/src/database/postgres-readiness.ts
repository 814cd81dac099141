import type { DataSource } from 'typeorm';
import type { ReadinessIndicator, ReadinessResult } from '../health/readiness-indicator';

export class PostgresReadiness implements ReadinessIndicator {
  readonly name = 'postgres';

  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<ReadinessResult> {
    await this.dataSource.query('SELECT 1');
    return { up: true };
  }
}
