import { PageQueryDto } from '@app/platform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
} from 'class-validator';
import { REPORT_LANGUAGES, type ReportLanguage } from '../domain/report-language';
import { NOTICE_KINDS, type NoticeKind } from '../read-models/citizen-notices/report-notices.columns';

export class FeedQueryDto extends PageQueryDto {
  /** The feed's language; a report's feed defaults to its reporter's choice, the others to kk. */
  @IsOptional()
  @IsIn(REPORT_LANGUAGES, { message: `lang must be one of ${REPORT_LANGUAGES.join(', ')}` })
  lang?: ReportLanguage;
}

export class RegisterWebhookDto {
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  url: string;

  /** The HMAC-SHA256 key the deliveries are signed with; the subscriber keeps a copy, the service never shows it. */
  @IsString()
  @Length(32, 200, { message: 'secret must be 32 to 200 characters' })
  secret: string;

  @IsArray()
  @ArrayMinSize(1, { message: 'kinds must name at least one kind of notice' })
  @ArrayMaxSize(NOTICE_KINDS.length)
  @IsIn(NOTICE_KINDS, { each: true, message: `kinds must be among ${NOTICE_KINDS.join(', ')}` })
  kinds: NoticeKind[];

  @IsOptional()
  @IsString()
  @Length(0, 300)
  description?: string;
}

export class DeliveryLogQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(['email', 'webhook'])
  channel?: string;

  @IsOptional()
  @IsIn(['pending', 'delivered', 'failed', 'cancelled'])
  status?: string;

  @IsOptional()
  @IsUUID(undefined, { message: 'subscriberId must be a subscriber id (uuid)' })
  subscriberId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  noticeId?: string;
}
