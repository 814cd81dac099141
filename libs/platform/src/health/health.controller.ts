import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { Unmetered } from '../http/public-rate-limit.guard';
import { checkWithin, READINESS_INDICATORS, ReadinessIndicator } from './readiness-indicator';
import { ServiceLifecycle } from './service-lifecycle';

const CHECK_TIMEOUT_MS = 3000;

@Unmetered()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(READINESS_INDICATORS) private readonly indicators: ReadinessIndicator[],
    private readonly lifecycle: ServiceLifecycle,
  ) {}

  @Public()
  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'up' };
  }

  /** 200 when every dependency answers; 503 naming the one that does not (or while shutting down). */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const results = await Promise.all(this.indicators.map((i) => checkWithin(i, CHECK_TIMEOUT_MS)));
    const checks = Object.fromEntries(
      this.indicators.map((indicator, index) => [
        indicator.name,
        {
          status: results[index].up ? 'up' : 'down',
          ...(results[index].detail ? { detail: results[index].detail } : {}),
        },
      ]),
    );
    const up = !this.lifecycle.isDraining && results.every((r) => r.up);
    response.status(up ? 200 : 503);
    return { status: up ? 'up' : 'down', ...(this.lifecycle.isDraining ? { draining: true } : {}), checks };
  }
}
