import { FinePaidV1 } from '@app/contracts';
import { intakeConsumer } from '@app/messaging';
import { FinesIntake } from '../application/intake/fines-intake';

/** fines.events, validated against their contracts; what they do is FinesIntake's. */
export const FinesEventsConsumer = intakeConsumer('FinesEventsConsumer', FinesIntake, {
  FinePaid: [FinePaidV1, 'finePaid'],
});
