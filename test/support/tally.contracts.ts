import { IsInt, IsString, Min } from 'class-validator';
import type { AnyPublishedEvent } from '@app/contracts';

// Contracts of the test tally's public events, as a service would declare its own in libs/contracts.
export class TallyCountedV1 {
  @IsInt()
  @Min(1)
  by: number;
}

export class TallyOpenedV1 {
  @IsString()
  tallyId: string;
}

/** Published only by the dead-letter test: its consumer always fails. */
export class TallyBrokenV1 {}

/** Published only by the replay test: its consumer fails until the test "fixes" it. */
export class TallyFlakyV1 {}

export const tallyPublished: AnyPublishedEvent[] = [
  { eventType: 'TallyCounted', contract: TallyCountedV1, schemaVersion: 1 },
  // The label stays internal: the public payload carries only the id.
  {
    eventType: 'TallyOpened',
    contract: TallyOpenedV1,
    schemaVersion: 1,
    toPublic: (d: { tallyId: string }) => ({ tallyId: d.tallyId }),
  },
];
