import { ProgrammeFlagResolvedV1 } from '@app/contracts';
import { intakeConsumer } from '@app/messaging';
import { BudgetsIntake } from '../application/budgets-intake';

/** budgets.events, validated against their contracts; what they mean for reports is BudgetsIntake's. */
export const BudgetsEventsConsumer = intakeConsumer('BudgetsEventsConsumer', BudgetsIntake, {
  ProgrammeFlagResolved: [ProgrammeFlagResolvedV1, 'programmeFlagResolved'],
});
