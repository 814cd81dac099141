import { schemaMigration } from '@app/platform';

/**
 * Photos kept as evidence, named by the SHA-256 of their stored (metadata-stripped) bytes: a photo sent twice is one
 * row. Like the events that name them, rows only ever grow: the append_only trigger (the event store's function)
 * refuses UPDATE, DELETE and TRUNCATE, so the runtime role may only read and insert here (runtime-privileges.ts).
 * The CHECKs hold what the service would otherwise trust blindly: the name is a SHA-256 and the size is the bytes'.
 */
export const EvidencePhotos1767900000000 = schemaMigration('EvidencePhotos1767900000000', {
  up: (s) => [
    `
      CREATE TABLE "${s}".evidence_photos (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp')),
        byte_size integer NOT NULL CHECK (byte_size = length(bytes)),
        width integer NOT NULL CHECK (width > 0),
        height integer NOT NULL CHECK (height > 0),
        bytes bytea NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now()
      )`,
    `
      CREATE TRIGGER evidence_photos_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "${s}".evidence_photos
      FOR EACH STATEMENT EXECUTE FUNCTION "${s}".append_only()`,
  ],
  down: (s) => [`DROP TABLE "${s}".evidence_photos`],
});

/** What a service that stores photos lists in its migrations, after the event store's (whose trigger function it uses). */
export const photoEvidenceMigrations = [EvidencePhotos1767900000000];
