import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** Tree sizes and indices are JS safe integers (tlog-checkpoint refuses bigger, and so do we). */
const MAX_SIZE = Number.MAX_SAFE_INTEGER;

/**
 * A whole number from the query string, `min` to `max`, its message naming the property. Type, IsInt, Min and Max are
 * applied last to first, as stacked decorators are, so a 400 lists its reasons in the order it always did.
 */
const WholeNumber =
  (min: number, max: number): PropertyDecorator =>
  (target, key) => {
    const rules = [Type(() => Number), IsInt({ message: `${String(key)} must be a whole number` }), Min(min), Max(max)];
    for (const rule of rules.reverse()) rule(target, key);
  };

export class CheckpointsQueryDto {
  @IsOptional()
  @WholeNumber(0, MAX_SIZE)
  fromSize?: number;

  @IsOptional()
  @WholeNumber(1, 1000)
  limit?: number;
}

export class InclusionProofQueryDto {
  @IsUUID('all', { message: 'eventId must be an event id (a UUID)' })
  eventId: string;

  @IsOptional()
  @WholeNumber(1, MAX_SIZE)
  size?: number;
}

export class ConsistencyProofQueryDto {
  @WholeNumber(0, MAX_SIZE)
  from: number;

  @WholeNumber(0, MAX_SIZE)
  to: number;
}

/** A witness's cosignature of one checkpoint (C2SP tlog-cosignature), with the key to check it by. */
export class CosignatureDto {
  @IsInt({ message: 'size must be the tree size of the checkpoint cosigned' })
  @Min(1)
  @Max(MAX_SIZE)
  size: number;

  /** The witness's C2SP verifier key, `<name>+<hash>+<base64>`. */
  @IsString()
  @MaxLength(400)
  @Matches(/^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/, {
    message: 'witnessKey must be a C2SP verifier key <name>+<hash>+<base64>',
  })
  witnessKey: string;

  /** The signature line, `— <name> <base64>` (the trailing newline optional). */
  @IsString()
  @MaxLength(600)
  @Matches(/^\u2014 \S+ [A-Za-z0-9+/]+=*\n?$/, {
    message: 'signature must be one note signature line: "— <witness name> <base64>"',
  })
  signature: string;
}
