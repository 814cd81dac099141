import type { Queryable } from '@app/platform';

/** A checkpoint the service signed, as stored: the note is exactly what was signed, without cosignatures. */
export interface StoredCheckpoint {
  size: number;
  rootHash: Buffer;
  note: string;
  issuedAt: Date;
}

interface CheckpointRow {
  tree_size: string;
  root_hash: Buffer;
  note: string;
  issued_at: Date;
}

const COLUMNS = 'tree_size, root_hash, note, issued_at';

function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return { size: Number(row.tree_size), rootHash: row.root_hash, note: row.note, issuedAt: row.issued_at };
}

/** Reads and writes of log_checkpoints and log_cosignatures (both append-only). */
export class LogCheckpoints {
  constructor(
    private readonly db: Queryable,
    private readonly schema: string,
  ) {}

  within(db: Queryable): LogCheckpoints {
    return new LogCheckpoints(db, this.schema);
  }

  async latest(): Promise<StoredCheckpoint | undefined> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS} FROM "${this.schema}".log_checkpoints ORDER BY tree_size DESC LIMIT 1`,
    );
    return row ? toCheckpoint(row) : undefined;
  }

  async ofSize(size: number): Promise<StoredCheckpoint | undefined> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM "${this.schema}".log_checkpoints WHERE tree_size = $1`, [
      size,
    ]);
    return row ? toCheckpoint(row) : undefined;
  }

  /** The smallest checkpoint whose tree holds leaf `leafIndex` (what a receipt is proved against). */
  async firstCovering(leafIndex: number): Promise<StoredCheckpoint | undefined> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS} FROM "${this.schema}".log_checkpoints WHERE tree_size > $1 ORDER BY tree_size LIMIT 1`,
      [leafIndex],
    );
    return row ? toCheckpoint(row) : undefined;
  }

  async list(fromSize: number, limit: number): Promise<StoredCheckpoint[]> {
    const rows: CheckpointRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM "${this.schema}".log_checkpoints WHERE tree_size >= $1 ORDER BY tree_size LIMIT $2`,
      [fromSize, limit],
    );
    return rows.map(toCheckpoint);
  }

  /** Inserts a signed checkpoint; false when one of that size exists already (another leader signed it first). */
  async insert(checkpoint: StoredCheckpoint): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO "${this.schema}".log_checkpoints (${COLUMNS}) VALUES ($1, $2, $3, $4) ON CONFLICT (tree_size) DO NOTHING RETURNING tree_size`,
      [checkpoint.size, checkpoint.rootHash, checkpoint.note, checkpoint.issuedAt],
    );
    return rows.length === 1;
  }

  /** The cosignature lines of each of these checkpoints, in the order they arrived, in one read. */
  async cosignatureLinesOf(sizes: readonly number[]): Promise<Map<number, string[]>> {
    const lines = new Map<number, string[]>();
    if (sizes.length === 0) return lines;
    const rows: { tree_size: string; signature_line: string }[] = await this.db.query(
      `SELECT tree_size, signature_line FROM "${this.schema}".log_cosignatures WHERE tree_size = ANY($1::bigint[]) ORDER BY tree_size, received_at, witness_key`,
      [sizes.map(String)],
    );
    for (const row of rows)
      lines.set(Number(row.tree_size), [...(lines.get(Number(row.tree_size)) ?? []), row.signature_line]);
    return lines;
  }

  async cosignatureCount(size: number): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS n FROM "${this.schema}".log_cosignatures WHERE tree_size = $1`,
      [size],
    );
    return row.n;
  }

  /** Keeps a verified cosignature; a witness sending the same key again for the same size changes nothing. */
  async addCosignature(size: number, witnessKey: string, witnessName: string, signatureLine: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO "${this.schema}".log_cosignatures (tree_size, witness_key, witness_name, signature_line)
       VALUES ($1, $2, $3, $4) ON CONFLICT (tree_size, witness_key) DO NOTHING RETURNING tree_size`,
      [size, witnessKey, witnessName, signatureLine],
    );
    return rows.length === 1;
  }
}
