import { projectionTablesMigration, type InlineProjection } from '@app/event-store';
import { contractRegisterProjection } from '../read-models/register/contract-register.projection';
import { institutionRegisterProjection } from '../read-models/register/institution-register.projection';
import { programmeRegisterProjection } from '../read-models/register/programme-register.projection';

/** All inline: the registers and the map must agree with the events the moment a command returns. */
export const budgetProjections: InlineProjection[] = [
  institutionRegisterProjection,
  programmeRegisterProjection,
  contractRegisterProjection,
];

export const BudgetReadModels1764500000000 = projectionTablesMigration(
  'BudgetReadModels1764500000000',
  budgetProjections,
);
