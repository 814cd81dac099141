import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { IsString, Length } from 'class-validator';
import { Clock, ConflictError, NotFoundError } from '@app/domain-kernel';
import { CurrentPrincipal, PersonalDataStore, Roles, type Principal } from '@app/platform';
import { commandMetadata } from '../http/command-metadata';
import { EventStore } from '../store/event-store';

export class ErasePersonalDataDto {
  /** Why (the request or the rule it follows): recorded in the log with the erasure, so it must not hold the data. */
  @IsString()
  @Length(10, 2000, { message: 'reason must be 10 to 2000 characters: why the personal data is erased' })
  reason: string;
}

/** The stream of a subject's personal-data events: the erasure, recorded in the log like any other fact. */
export const PERSONAL_DATA_STREAM = 'PersonalData';

/**
 * Erasure of one subject's personal data (a reporter's contact, an offender's name, IIN and plate), on every
 * service that keeps personal-data records. The fields are emptied in their table and the erasure is appended as a
 * PersonalDataErased event (who, when, why, which fields; never their values) in one transaction. No event ever held
 * the fields, so every hash chain and checkpoint still verifies after the erasure.
 */
@Controller('ops/personal-data')
export class PersonalDataErasureController {
  constructor(
    private readonly store: EventStore,
    private readonly personalData: PersonalDataStore,
    private readonly clock: Clock,
  ) {}

  @Roles('official')
  @Post(':subject/erase')
  @HttpCode(200)
  erase(@Param('subject') subject: string, @Body() body: ErasePersonalDataDto, @CurrentPrincipal() actor: Principal) {
    const streamId = `personal-data-${subject}`;
    const at = this.clock.now();
    // Only the tail is needed to chain the erasure onto: the stream's earlier events are never read.
    return this.store.inStreamTransaction(
      streamId,
      async (manager, stream) => {
        const outcome = await this.personalData.erase(manager, subject, { by: actor.sub, reason: body.reason, at });
        if (!outcome) throw new NotFoundError('Personal data', subject);
        if ('alreadyErasedAt' in outcome) {
          throw new ConflictError(
            'personal_data_already_erased',
            `The personal data of ${subject} was erased at ${outcome.alreadyErasedAt.toISOString()}`,
            { subjectId: subject, erasedAt: outcome.alreadyErasedAt.toISOString() },
          );
        }
        const [event] = await this.store.append(manager, {
          streamType: PERSONAL_DATA_STREAM,
          streamId,
          expectedVersion: stream.version,
          previousHash: stream.lastHash,
          events: [
            {
              type: 'PersonalDataErased',
              data: {
                subjectId: subject,
                purpose: outcome.purpose,
                erasedFields: outcome.erasedFields,
                reason: body.reason,
                erasedAt: at.toISOString(),
              },
            },
          ],
          metadata: commandMetadata(actor, at),
        });
        return {
          subjectId: subject,
          purpose: outcome.purpose,
          erasedFields: outcome.erasedFields,
          erasedAt: at.toISOString(),
          eventId: event.eventId,
        };
      },
      { tailOnly: true },
    );
  }
}
