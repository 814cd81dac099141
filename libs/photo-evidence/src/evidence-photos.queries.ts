import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { StoredPhotoType } from '@app/contracts';
import type { Queryable } from '@app/platform';
import type { StrippedPhoto } from './photo-strip';

export interface StoredPhoto {
  sha256: string;
  mediaType: StoredPhotoType;
  bytes: Buffer;
}

/** A stored photo whose bytes no longer hash to its name: altered in the table behind the service's back. */
export class TamperedPhotoError extends Error {
  constructor(readonly sha256: string) {
    super(`stored photo ${sha256} no longer hashes to its name`);
  }
}

/**
 * The one owner of the evidence_photos table. Photos are inserted in the transaction of the event that names them
 * (AggregateCommands' `alongside`), so a refused command leaves no photo behind and no event names a photo that is
 * not there; the same photo again is the row already there.
 */
@Injectable()
export class EvidencePhotoStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The `alongside` write of a command that carries these photos (AggregateCommands.execute); undefined without
   * photos, so a command without them keeps its one-statement append. `then` runs after, in the same transaction.
   */
  alongside(
    photos: readonly StrippedPhoto[],
    then?: (db: Queryable) => Promise<void>,
  ): ((db: Queryable) => Promise<void>) | undefined {
    if (photos.length === 0) return then;
    return async (db) => {
      await this.store(db, photos);
      await then?.(db);
    };
  }

  async store(db: Queryable, photos: readonly StrippedPhoto[]): Promise<void> {
    if (photos.length === 0) return;
    await db.query(
      `INSERT INTO evidence_photos (sha256, media_type, byte_size, width, height, bytes)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::bytea[])
       ON CONFLICT (sha256) DO NOTHING`,
      [
        photos.map((p) => p.sha256),
        photos.map((p) => p.mediaType),
        photos.map((p) => p.byteSize),
        photos.map((p) => p.width),
        photos.map((p) => p.height),
        photos.map((p) => p.bytes),
      ],
    );
  }

  /**
   * The photo of that name, its bytes hashed again as they are read: a row altered by someone with the owner's
   * rights (who can switch the trigger off) is refused rather than served under a name the events vouch for.
   * Hashing a photo of a few megabytes costs milliseconds, and answers carry `immutable`, so each is read rarely.
   */
  async find(sha256: string): Promise<StoredPhoto | null> {
    const rows: { mediaType: StoredPhotoType; bytes: Buffer }[] = await this.dataSource.query(
      `SELECT media_type AS "mediaType", bytes FROM evidence_photos WHERE sha256 = $1`,
      [sha256],
    );
    const row = rows[0];
    if (!row) return null;
    if (createHash('sha256').update(row.bytes).digest('hex') !== sha256) throw new TamperedPhotoError(sha256);
    return { sha256, mediaType: row.mediaType, bytes: row.bytes };
  }
}
