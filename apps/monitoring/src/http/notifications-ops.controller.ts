import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mustExist } from '@app/domain-kernel';
import { CurrentPrincipal, PageQueryDto, Roles, type Principal, pageOf } from '@app/platform';
import { NotificationDeliveryQueries } from '../read-models/citizen-notices/notification-deliveries.queries';
import { DeliveryLogQueryDto, RegisterWebhookDto } from './citizen-notifications.dto';

/**
 * Operators' side of the notifications: the webhook subscribers (third parties told of every notice of the kinds
 * they chose, signed as docs/webhooks.md says) and the delivery log of e-mails and webhooks, attempts and last error.
 */
@Controller('ops')
export class NotificationsOpsController {
  constructor(private readonly deliveries: NotificationDeliveryQueries) {}

  @Roles('operator')
  @Post('webhooks')
  register(@Body() body: RegisterWebhookDto, @CurrentPrincipal() actor: Principal) {
    return this.deliveries.addSubscriber({
      subscriberId: randomUUID(),
      url: body.url,
      secret: body.secret,
      kinds: [...new Set(body.kinds)],
      description: body.description ?? '',
      createdBy: actor.sub,
    });
  }

  @Roles('operator')
  @Get('webhooks')
  subscribers(@Query() query: PageQueryDto) {
    return this.deliveries.subscribers(pageOf(query));
  }

  /** Stops a subscriber's deliveries from the next notice on; those already queued are cancelled as they come due. */
  @Roles('operator')
  @Post('webhooks/:id/deactivate')
  @HttpCode(200)
  async deactivate(@Param('id') id: string) {
    return mustExist(await this.deliveries.deactivate(id), 'WebhookSubscriber', id);
  }

  @Roles('operator')
  @Get('notifications/deliveries')
  log(@Query() query: DeliveryLogQueryDto) {
    return this.deliveries.log(
      { channel: query.channel, status: query.status, subscriberId: query.subscriberId, noticeId: query.noticeId },
      pageOf(query),
    );
  }
}
