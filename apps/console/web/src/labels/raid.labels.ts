import type { Translate } from '../i18n/translate';

/** A raid's statuses, in the order it goes through them (monitoring's GET /raids `status`). */
export const RAID_STATUSES = ['planned', 'conducted', 'closed'] as const;
export type RaidStatus = (typeof RAID_STATUSES)[number];

export const raidStatusChoices = (t: Translate) =>
  RAID_STATUSES.map((s) => ({ value: s, label: t(`raidStatus.${s}`) }));

/** Text of one item a line (participants, evidence links): trimmed, the empty lines dropped. */
export const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

export const isWebLink = (text: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
};
