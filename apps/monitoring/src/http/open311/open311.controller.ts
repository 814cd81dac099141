import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseFilters, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, NotFoundError, ValidationFailedError } from '@app/domain-kernel';
import { Public } from '@app/platform';
import { Open311Requests, type Open311Status } from '../../application/open311-requests';
import { ANONYMOUS_REPORTER, ReportsService, type ReporterContact } from '../../application/reports.service';
import { Open311ExceptionFilter } from './open311-exception.filter';
import { Open311RateLimitGuard } from './open311-rate-limit.guard';
import { isServiceCode, OPEN311_CHANGESET, OPEN311_SERVICES, serviceDefinition } from './open311-services';
import { Open311CreateRequestDto, Open311JurisdictionQueryDto, Open311RequestsQueryDto } from './open311.dto';

const DAY_MS = 86_400_000;
/** Without dates the standard answers the last 90 days, and never more than 1000 requests. */
const DEFAULT_WINDOW_DAYS = 90;
const MAX_REQUESTS = 1000;

function requireService(code: string) {
  if (!isServiceCode(code)) throw new NotFoundError('Service', code);
  return code;
}

/**
 * Open311 GeoReport v2 (JSON only) over the citizens' road reports: the standard's apps and city dashboards file and
 * follow road defects without a token. Filing goes through ReportsService like POST /reports: the contact is stored
 * apart, the actor is anonymous, and the anonymous allowance per client applies.
 */
@Public()
@UseFilters(Open311ExceptionFilter)
@Controller('open311/v2')
export class Open311Controller {
  private readonly requests: Open311Requests;

  constructor(
    private readonly reports: ReportsService,
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.requests = new Open311Requests(dataSource);
  }

  @Get('discovery.json')
  discovery(@Req() request: Request) {
    return {
      changeset: OPEN311_CHANGESET,
      contact: "Integrity Square, the public road-quality club: write through the club's site",
      key_service: 'No API key is needed; requests without a token are rate limited per client',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${request.protocol}://${request.get('host')}/open311/v2`,
          changeset: OPEN311_CHANGESET,
          type: 'production',
          formats: ['application/json'],
        },
      ],
    };
  }

  @Get('services.json')
  services(@Query() _query: Open311JurisdictionQueryDto) {
    return OPEN311_SERVICES;
  }

  @Get('services/:code.json')
  service(@Param('code') code: string, @Query() _query: Open311JurisdictionQueryDto) {
    return serviceDefinition(requireService(code));
  }

  @Post('requests.json')
  @UseGuards(Open311RateLimitGuard)
  @HttpCode(201)
  async create(@Body() body: Open311CreateRequestDto) {
    const defectType = requireService(body.service_code);
    const reportId = randomUUID();
    const name = [body.first_name, body.last_name].filter(Boolean).join(' ');
    const given: ReporterContact = {
      ...(name ? { name } : {}),
      ...(body.phone ? { phone: body.phone } : {}),
      ...(body.email ? { email: body.email } : {}),
    };
    const contact = Object.keys(given).length > 0 ? given : undefined;
    await this.reports.submit(
      {
        reportId,
        kind: 'road_defect',
        reporterId: null,
        hasContact: contact !== undefined,
        description: body.description ?? '',
        road: {
          location: { lat: body.lat, lon: body.long },
          district: body.attribute.district,
          // Without a geocoder the coordinates are the address when the client gave none.
          address: body.address_string ?? `${body.lat}, ${body.long}`,
          defectType,
          photos: body.media_url ? [body.media_url] : [],
        },
      },
      contact,
      ANONYMOUS_REPORTER,
    );
    return [
      {
        service_request_id: reportId,
        service_notice:
          'Received: the club reviews new reports at its weekly meeting; follow the status at requests/{id}.json',
      },
    ];
  }

  @Get('requests.json')
  list(@Query() query: Open311RequestsQueryDto) {
    if (query.service_request_id) {
      return this.requests.list({ ids: query.service_request_id.split(','), limit: MAX_REQUESTS });
    }
    const end = query.end_date ? new Date(query.end_date) : this.clock.now();
    const start = query.start_date
      ? new Date(query.start_date)
      : new Date(end.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
    if (start > end) throw new ValidationFailedError('start_date', 'start_date must not be after end_date');
    return this.requests.list({
      serviceCodes: query.service_code?.split(',').map((c) => c.trim()),
      statuses: query.status?.split(',') as Open311Status[] | undefined,
      start,
      end,
      limit: MAX_REQUESTS,
    });
  }

  @Get('requests/:id.json')
  async one(@Param('id') id: string, @Query() _query: Open311JurisdictionQueryDto) {
    return [await this.requests.one(id)];
  }
}
