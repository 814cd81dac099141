import { Controller, Get, Header } from '@nestjs/common';
import { Registry } from 'prom-client';
import { Public } from '../auth/roles.decorator';
import { Unmetered } from '../http/public-rate-limit.guard';

/** Prometheus scrape endpoint; open like the health probes (it carries counts, no personal data). */
@Unmetered()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
