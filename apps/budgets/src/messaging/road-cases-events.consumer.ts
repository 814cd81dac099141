import { RepairAcceptedV1 } from '@app/contracts';
import { intakeConsumer } from '@app/messaging';
import { RoadCasesIntake } from '../application/intake/road-cases-intake';

/** road-cases.events, validated against their contracts; what they do is RoadCasesIntake's. */
export const RoadCasesEventsConsumer = intakeConsumer('RoadCasesEventsConsumer', RoadCasesIntake, {
  RepairAccepted: [RepairAcceptedV1, 'repairAccepted'],
});
