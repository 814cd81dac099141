import { ConfigError } from '@app/platform';

export const PHOTO_EVIDENCE_CONFIG = Symbol('PHOTO_EVIDENCE_CONFIG');

export interface PhotoEvidenceConfig {
  /** The largest photo part accepted, in bytes (before stripping). */
  maxBytes: number;
  /** The most photo parts one request may carry. */
  maxCount: number;
}

/**
 * PHOTO_MAX_BYTES (default 10485760, 10 MiB) per photo and PHOTO_MAX_COUNT (default 6) per request, in every service
 * that takes photos (monitoring, road-cases). A bad value stops the service naming the variable.
 */
export function loadPhotoEvidenceConfig(env: NodeJS.ProcessEnv): PhotoEvidenceConfig {
  const read = (variable: string, fallback: number, max: number) => {
    const raw = env[variable] || String(fallback);
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
      throw new ConfigError([{ variable, message: `${variable} must be a whole number from 1 to ${max}` }]);
    }
    return Number(raw);
  };
  return {
    // A part is held in memory while it is checked: 100 MiB bounds what one request can make the process hold.
    maxBytes: read('PHOTO_MAX_BYTES', 10 * 1024 * 1024, 100 * 1024 * 1024),
    maxCount: read('PHOTO_MAX_COUNT', 6, 50),
  };
}
