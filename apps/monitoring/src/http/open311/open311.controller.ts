import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiParam } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, mustExist, ValidationFailedError } from '@app/domain-kernel';
import { Public, requestContext, TextAnswer } from '@app/platform';
import type { ReporterContact } from '../../application/report-contact';
import { ANONYMOUS_REPORTER, SubmitReportWithContact } from '../../application/submit-report';
import {
  Open311Requests,
  type Open311ServiceRequest,
  type Open311Status,
} from '../../read-models/report-board/open311-requests.queries';
import { Open311Updates } from '../../read-models/report-board/open311-updates.queries';
import { Open311ExceptionFilter } from './open311-exception.filter';
import { open311Answer, open311Format, type Open311Format } from './open311-format';
import { Open311JurisdictionGuard } from './open311-jurisdiction.guard';
import { Open311RateLimitGuard, type Open311Request } from './open311-rate-limit.guard';
import { isServiceCode, OPEN311_CHANGESET, OPEN311_SERVICES, serviceDefinition } from './open311-services';
import {
  MAX_PAGE_SIZE,
  Open311CreateRequestDto,
  Open311JurisdictionQueryDto,
  Open311RequestsQueryDto,
  Open311UpdatesQueryDto,
} from './open311.dto';

const DAY_MS = 86_400_000;
/** Without dates the standard answers the last 90 days, and never more than 1000 requests. */
const DEFAULT_WINDOW_DAYS = 90;

const requireService = (code: string) => mustExist(isServiceCode(code) ? code : undefined, 'Service', code);

/** start_date/end_date as the spec reads them: the last 90 days up to end_date (or now) when either is missing. */
function dateWindow(query: { start_date?: string; end_date?: string }, now: Date) {
  const end = query.end_date ? new Date(query.end_date) : now;
  const start = query.start_date ? new Date(query.start_date) : new Date(end.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
  if (start > end) throw new ValidationFailedError('start_date', 'start_date must not be after end_date');
  return { start, end };
}

/** page/page_size as a limit and an offset; without them the spec's answer, its first 1000. */
function paging(query: { page?: number; page_size?: number }) {
  const limit = query.page_size ?? MAX_PAGE_SIZE;
  return { limit, offset: ((query.page ?? 1) - 1) * limit };
}

/** The XML of a request: Chicago's extended_attributes only when asked for, as the spec warns off foreign tags. */
const requestsXml = (requests: Open311ServiceRequest[], extensions: string | undefined) =>
  extensions === 'true' ? requests : requests.map(({ extended_attributes: _extended, ...standard }) => standard);

const FORMAT = {
  name: 'format',
  enum: ['xml', 'json'],
  description:
    "The answer's format: xml (text/xml, the spec's required format, also served for the path without an extension) or json (application/json).",
};

/**
 * Open311 GeoReport v2 over the citizens' road reports, in XML and JSON: the standard's apps, city dashboards and
 * FixMyStreet's Open311 client file and follow road defects without a token. Every method answers at
 * `<resource>.xml` and `<resource>.json` (and, in XML, without the extension); mySociety's servicerequestupdates
 * lets a client follow each request's status changes. Filing goes through SubmitReportWithContact like POST /reports: the
 * contact is stored apart and the actor is anonymous; a registered client's api_key is recorded as the way the
 * report came (`via`), an anonymous post draws on the per-client allowance. Tokens (GET tokens/{id}) are not served:
 * every service is realtime, so POST answers the service_request_id at once and never a token.
 */
@Public()
@UseFilters(Open311ExceptionFilter)
@UseGuards(Open311JurisdictionGuard)
@Controller('open311/v2')
export class Open311Controller {
  private readonly requests: Open311Requests;
  private readonly updates: Open311Updates;

  constructor(
    private readonly submitReport: SubmitReportWithContact,
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.requests = new Open311Requests(dataSource);
    this.updates = new Open311Updates(dataSource);
  }

  @Get('discovery{.:format}')
  @TextAnswer('text/xml')
  @ApiParam(FORMAT)
  discovery(
    @Param('format') extension: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const format = open311Format(extension);
    return open311Answer(response, format, 'discovery', {
      changeset: OPEN311_CHANGESET,
      contact: "Integrity Square, the public road-quality club: write through the club's site",
      key_service:
        "Registered clients (a FixMyStreet install, a city's app) post with an api_key the club's operators issue; without one anyone may post, rate limited per client",
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${request.protocol}://${request.get('host')}/open311/v2`,
          changeset: OPEN311_CHANGESET,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
  }

  @Get('services{.:format}')
  @TextAnswer('text/xml')
  @ApiParam(FORMAT)
  services(
    @Param('format') extension: string | undefined,
    @Query() _query: Open311JurisdictionQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    return open311Answer(response, open311Format(extension), 'services', OPEN311_SERVICES);
  }

  @Get('services/:code{.:format}')
  @TextAnswer('text/xml')
  @ApiParam(FORMAT)
  service(
    @Param('code') code: string,
    @Param('format') extension: string | undefined,
    @Query() _query: Open311JurisdictionQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const format = open311Format(extension);
    return open311Answer(response, format, 'service_definition', serviceDefinition(requireService(code)));
  }

  @Post('requests{.:format}')
  @UseGuards(Open311RateLimitGuard)
  @HttpCode(201)
  @TextAnswer('text/xml')
  @ApiParam(FORMAT)
  // The spec posts a form (attribute[district]=…); the same fields as JSON are taken too.
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  async create(
    @Param('format') extension: string | undefined,
    @Body() body: Open311CreateRequestDto,
    @Req() request: Open311Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const format = open311Format(extension);
    const defectType = requireService(body.service_code);
    const reportId = randomUUID();
    const name = [body.first_name, body.last_name].filter(Boolean).join(' ');
    const given: ReporterContact = {
      ...(name ? { name } : {}),
      ...(body.phone ? { phone: body.phone } : {}),
      ...(body.email ? { email: body.email } : {}),
    };
    const contact = Object.keys(given).length > 0 ? given : undefined;
    const submit = () =>
      this.submitReport.execute(
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
    // The citizen stays anonymous to the club; the registered client they came through is the fact's upstream,
    // recorded in the event's metadata (actorVia) as a service's is when its message causes a command.
    const context = requestContext.current();
    await (request.open311Client && context
      ? requestContext.run({ ...context, via: `open311:${request.open311Client}` }, submit)
      : submit());
    return open311Answer(response, format, 'service_requests', [
      {
        service_request_id: reportId,
        service_notice: `Received: the club reviews new reports at its weekly meeting; follow the status at requests/{id}.${format}`,
      },
    ]);
  }

  @Get('requests{.:format}')
  @TextAnswer('text/xml')
  @ApiParam(FORMAT)
  async list(
    @Param('format') extension: string | undefined,
    @Query() query: Open311RequestsQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const format: Open311Format = open311Format(extension);
    const found = query.service_request_id
      ? // The ids override every other argument, paging too.
        await this.requests.list({ ids: query.service_request_id.split(','), limit: MAX_PAGE_SIZE })
      : await this.requests.list({
          serviceCodes: query.service_code?.split(',').map((c) => c.trim()),
          statuses: query.status?.split(',') as Open311Status[] | undefined,
          district: query.district,
          ...dateWindow(query, this.clock.now()),
          ...paging(query),
        });
    return open311Answer(response, format, 'service_requests', found, requestsXml(found, query.extensions));
  }

  @Get('requests/:id{.:format}')
  @TextAnswer('text/xml')
  @ApiParam(FORMAT)
  async one(
    @Param('id') id: string,
    @Param('format') extension: string | undefined,
    @Query() query: Open311JurisdictionQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const format = open311Format(extension);
    const found = [await this.requests.one(id)];
    return open311Answer(response, format, 'service_requests', found, requestsXml(found, query.extensions));
  }

  /** mySociety's GET Service Request Updates: what FixMyStreet's client polls to follow the requests it sent. */
  @Get('servicerequestupdates{.:format}')
  @TextAnswer('text/xml')
  @ApiParam(FORMAT)
  async serviceRequestUpdates(
    @Param('format') extension: string | undefined,
    @Query() query: Open311UpdatesQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const format = open311Format(extension);
    const found = await this.updates.list({ ...dateWindow(query, this.clock.now()), ...paging(query) });
    return open311Answer(response, format, 'service_request_updates', found);
  }
}
