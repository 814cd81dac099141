import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Reads of the raids fines learned from monitoring. */
@Injectable()
export class KnownRaids {
  /** The raid's district (from its RaidPlanned), read in the caller's transaction; undefined for a raid not heard of. */
  async district(raidId: string, manager: EntityManager): Promise<string | undefined> {
    const rows = await manager.query(`SELECT district FROM known_raids WHERE raid_id = $1`, [raidId]);
    return rows[0]?.district;
  }
}
