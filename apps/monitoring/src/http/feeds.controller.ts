import { Controller, Get, Header, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { mustExist } from '@app/domain-kernel';
import { Public } from '@app/platform';
import { DEFAULT_REPORT_LANGUAGE, type ReportLanguage } from '../domain/report-language';
import { ATOM_CONTENT_TYPE, atomFeed, stableUrn } from '../notifications/atom-feed';
import { FEED_TITLES, noticeText } from '../notifications/notice-texts';
import { ReportQueries } from '../read-models/report-board/report-board.queries';
import { ReportNoticeQueries, type NoticeScope } from '../read-models/citizen-notices/report-notices.queries';
import { FeedQueryDto } from './citizen-notifications.dto';

const AUTHOR = 'Integrity Square';
const PAGE_SIZE = 50;

/**
 * Atom feeds (RFC 4287) of reports' public status changes: one report's, a district's, an institution's (by BIN).
 * Newest first, PAGE_SIZE entries a page with RFC 5005 paging links; only what the public events say, never a
 * reporter's contact or id. Public, like the events they come from.
 */
@Controller('feeds')
export class FeedsController {
  constructor(
    private readonly notices: ReportNoticeQueries,
    private readonly reports: ReportQueries,
  ) {}

  @Public()
  @Get('reports/:id')
  @Header('Content-Type', ATOM_CONTENT_TYPE)
  async report(@Param('id') id: string, @Query() query: FeedQueryDto, @Req() request: Request): Promise<string> {
    mustExist((await this.reports.exists(id)) || undefined, 'Report', id);
    return this.feed({ reportId: id }, `report:${id}`, (t) => t.report(id), query, request);
  }

  @Public()
  @Get('districts/:district')
  @Header('Content-Type', ATOM_CONTENT_TYPE)
  district(@Param('district') district: string, @Query() query: FeedQueryDto, @Req() request: Request) {
    return this.feed({ district }, `district:${district}`, (t) => t.district(district), query, request);
  }

  @Public()
  @Get('institutions/:bin')
  @Header('Content-Type', ATOM_CONTENT_TYPE)
  institution(@Param('bin') bin: string, @Query() query: FeedQueryDto, @Req() request: Request) {
    return this.feed({ institutionBin: bin }, `institution:${bin}`, (t) => t.institution(bin), query, request);
  }

  private async feed(
    scope: NoticeScope,
    name: string,
    title: (titles: (typeof FEED_TITLES)[ReportLanguage]) => string,
    query: FeedQueryDto,
    request: Request,
  ): Promise<string> {
    const page = query.page ?? 1;
    const limit = query.limit ?? PAGE_SIZE;
    const { notices, hasOlder } = await this.notices.page(scope, page, limit);
    const language = query.lang ?? ('reportId' in scope ? notices[0]?.language : undefined) ?? DEFAULT_REPORT_LANGUAGE;
    const url = (p: number) => pageUrl(request, p);
    return atomFeed({
      id: stableUrn(`feed:${name}`),
      title: title(FEED_TITLES[language]),
      self: url(page),
      first: url(1),
      previous: page > 1 ? url(page - 1) : undefined,
      next: hasOlder ? url(page + 1) : undefined,
      language,
      author: AUTHOR,
      emptyUpdated: new Date(0),
      entries: notices.map((n) => {
        const text = noticeText(n, language);
        return {
          id: stableUrn(`notice:${n.noticeId}`),
          title: text.title,
          updated: new Date(n.occurredAt),
          content: text.body,
        };
      }),
    });
  }
}

/** The feed's absolute URL at a page, as the client reached it (TRUST_PROXY decides whose Host and scheme count). */
function pageUrl(request: Request, page: number): string {
  const url = new URL(request.originalUrl, `${request.protocol}://${request.get('host') ?? 'localhost'}`);
  if (page === 1) url.searchParams.delete('page');
  else url.searchParams.set('page', String(page));
  return url.toString();
}
