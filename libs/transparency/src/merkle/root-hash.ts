import type { MerkleHashReader } from './merkle-hash-reader';
import { readRangeHashes, requireTreeSizeWithin } from './merkle-hash-reader.reads';
import { emptyRootHash } from './merkle-tree.hashing';

/** MTH(D[size]) (RFC 9162 §2.1.1) of the first `size` leaves the store holds, from at most log2(size)+1 reads. */
export async function rootHash(reader: MerkleHashReader, size: number): Promise<Buffer> {
  await requireTreeSizeWithin(reader, size);
  if (size === 0) return emptyRootHash();
  const [root] = await readRangeHashes(reader, [{ begin: 0, end: size }]);
  return root;
}
