import { ConflictError } from '@app/domain-kernel';

/** A stale expected version: someone appended since the caller read. HTTP 409 naming both versions. */
export class VersionConflictError extends ConflictError {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      'version_conflict',
      `Stream ${streamId} is at version ${actualVersion}, not the expected ${expectedVersion}; read it again and retry`,
      { streamId, expectedVersion, actualVersion },
    );
  }
}
