import { consistencyProof } from './consistency-proof';
import { verifyConsistency } from './consistency-proof.verifier';
import { InMemoryMerkleTree } from './in-memory-merkle-tree';
import { inclusionProof } from './inclusion-proof';
import { verifyInclusion } from './inclusion-proof.verifier';
import { emptyRootHash, leafHash } from './merkle-tree.hashing';
import { rootHash } from './root-hash';

// The 8-leaf reference tree of RFC 6962's test suite, as published in transparency-dev/merkle
// (testonly/constants.go, proof/verify_test.go) and certificate-transparency-go. Another implementation's numbers,
// not ours: a log whose roots differ from these agrees with no monitor.
const hex = (h: string) => Buffer.from(h, 'hex');

const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  hex,
);

/** Roots by tree size, 0 to 8. */
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);

/** Every complete subtree of the 8-leaf tree, [level][index]. */
const NODE_HASHES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  [
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
].map((level) => level.map(hex));

// The published vectors number leaves from 1; these are converted to 0-based leaf indices.
const INCLUSION = [
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  { index: 0, size: 1, proof: [] },
].map((v) => ({ ...v, proof: v.proof.map(hex) }));

const CONSISTENCY = [
  { size1: 1, size2: 1, proof: [] },
  {
    size1: 1,
    size2: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    size1: 6,
    size2: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    size1: 2,
    size2: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    size1: 6,
    size2: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
].map((v) => ({ ...v, proof: v.proof.map(hex) }));

const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456');

describe('RFC 6962/9162 reference vectors', () => {
  const tree = InMemoryMerkleTree.of(LEAVES);

  it('the empty root is SHA-256 of the empty string, and the first leaf hash is SHA-256(0x00)', () => {
    expect(emptyRootHash()).toEqual(ROOTS[0]);
    expect(leafHash(LEAVES[0])).toEqual(ROOTS[1]);
  });

  it('has the published root for every tree size 0..8, through the reader and the store alike', async () => {
    for (let size = 0; size <= 8; size++) {
      expect((await rootHash(tree, size)).toString('hex')).toBe(ROOTS[size].toString('hex'));
      expect(tree.rootHash(size).toString('hex')).toBe(ROOTS[size].toString('hex'));
    }
  });

  it('stores the published hash for every complete subtree', () => {
    NODE_HASHES.forEach((level, l) =>
      level.forEach((hash, i) => expect(tree.hashAt(l, i).toString('hex')).toBe(hash.toString('hex'))),
    );
  });

  it.each(INCLUSION)('produces and verifies the published inclusion proof of leaf $index in size $size', async (v) => {
    const proof = await inclusionProof(tree, v.index, v.size);
    expect(proof.map((h) => h.toString('hex'))).toEqual(v.proof.map((h) => h.toString('hex')));
    const leaf = leafHash(LEAVES[v.index]);
    expect(verifyInclusion(leaf, v.index, v.size, v.proof, ROOTS[v.size])).toBe(true);

    // The corruptions transparency-dev probes its verifier with; each must be refused.
    const probes: Array<[string, Parameters<typeof verifyInclusion>]> = [
      ['index - 1', [leaf, v.index - 1, v.size, v.proof, ROOTS[v.size]]],
      ['index + 1', [leaf, v.index + 1, v.size, v.proof, ROOTS[v.size]]],
      ['index ^ 2', [leaf, v.index ^ 2, v.size, v.proof, ROOTS[v.size]]],
      ['size * 2', [leaf, v.index, v.size * 2, v.proof, ROOTS[v.size]]],
      ['size / 2', [leaf, v.index, Math.floor(v.size / 2), v.proof, ROOTS[v.size]]],
      ['wrong leaf', [leafHash(Buffer.from('WrongLeaf')), v.index, v.size, v.proof, ROOTS[v.size]]],
      ['empty root', [leaf, v.index, v.size, v.proof, ROOTS[0]]],
      ['random root', [leaf, v.index, v.size, v.proof, SOME_HASH]],
      ['trailing garbage', [leaf, v.index, v.size, [...v.proof, Buffer.alloc(0)], ROOTS[v.size]]],
      ['trailing root', [leaf, v.index, v.size, [...v.proof, ROOTS[v.size]], ROOTS[v.size]]],
      ['preceding garbage', [leaf, v.index, v.size, [Buffer.alloc(0), ...v.proof], ROOTS[v.size]]],
      ['preceding root', [leaf, v.index, v.size, [ROOTS[v.size], ...v.proof], ROOTS[v.size]]],
    ];
    if (v.proof.length > 0)
      probes.push(['removed component', [leaf, v.index, v.size, v.proof.slice(0, -1), ROOTS[v.size]]]);
    if (v.proof.length > 1) {
      const inserted = [v.proof[0], SOME_HASH, ...v.proof.slice(1)];
      probes.push(['inserted component', [leaf, v.index, v.size, inserted, ROOTS[v.size]]]);
    }
    v.proof.forEach((_, i) => {
      const flipped = v.proof.map((h, j) => (j === i ? flipBit(h, 3) : h));
      probes.push([`proof[${i}] bit 3`, [leaf, v.index, v.size, flipped, ROOTS[v.size]]]);
    });
    const accepted = probes.filter(([, args]) => verifyInclusion(...args)).map(([name]) => name);
    expect(accepted).toEqual([]);
  });

  it.each(CONSISTENCY)('produces and verifies the published consistency proof $size1 → $size2', async (v) => {
    const proof = await consistencyProof(tree, v.size1, v.size2);
    expect(proof.map((h) => h.toString('hex'))).toEqual(v.proof.map((h) => h.toString('hex')));
    const [root1, root2] = [ROOTS[v.size1], ROOTS[v.size2]];
    expect(verifyConsistency(v.size1, v.size2, v.proof, root1, root2)).toBe(true);
    if (v.proof.length === 0) return;

    const wrongRoot = leafHash(Buffer.from('WrongRoot'));
    const probes: Array<[string, Parameters<typeof verifyConsistency>]> = [
      ['size1 - 1', [v.size1 - 1, v.size2, v.proof, root1, root2]],
      ['size1 + 1', [v.size1 + 1, v.size2, v.proof, root1, root2]],
      ['size1 ^ 2', [v.size1 ^ 2, v.size2, v.proof, root1, root2]],
      ['size2 * 2', [v.size1, v.size2 * 2, v.proof, root1, root2]],
      ['size2 / 2', [v.size1, Math.floor(v.size2 / 2), v.proof, root1, root2]],
      ['wrong root1', [v.size1, v.size2, v.proof, wrongRoot, root2]],
      ['wrong root2', [v.size1, v.size2, v.proof, root1, wrongRoot]],
      ['swapped roots', [v.size1, v.size2, v.proof, root2, root1]],
      ['empty proof', [v.size1, v.size2, [], root1, root2]],
      ['trailing garbage', [v.size1, v.size2, [...v.proof, Buffer.alloc(0)], root1, root2]],
      ['trailing root1', [v.size1, v.size2, [...v.proof, root1], root1, root2]],
      ['trailing root2', [v.size1, v.size2, [...v.proof, root2], root1, root2]],
      ['preceding garbage', [v.size1, v.size2, [Buffer.alloc(0), ...v.proof], root1, root2]],
      ['preceding root1', [v.size1, v.size2, [root1, ...v.proof], root1, root2]],
      ['preceding root2', [v.size1, v.size2, [root2, ...v.proof], root1, root2]],
      ['preceding proof[0]', [v.size1, v.size2, [v.proof[0], ...v.proof], root1, root2]],
      ['truncated proof', [v.size1, v.size2, v.proof.slice(0, -1), root1, root2]],
    ];
    v.proof.forEach((_, i) => {
      const flipped = v.proof.map((h, j) => (j === i ? flipBit(h, 4) : h));
      probes.push([`proof[${i}] bit 4`, [v.size1, v.size2, flipped, root1, root2]]);
    });
    const accepted = probes.filter(([, args]) => verifyConsistency(...args)).map(([name]) => name);
    expect(accepted).toEqual([]);
  });

  it('decides the proof-less consistency cases by the roots alone', () => {
    const [empty, root1, root8] = [ROOTS[0], ROOTS[1], ROOTS[8]];
    expect(verifyConsistency(0, 0, [], empty, empty)).toBe(true);
    expect(verifyConsistency(0, 8, [], empty, root8)).toBe(true);
    expect(verifyConsistency(8, 8, [], root8, root8)).toBe(true);
    // Stricter than transparency-dev, which ignores root1 at size 0: a root other than SHA-256("") is not the
    // empty tree's, and saying yes to it would bless a caller's mistake.
    expect(verifyConsistency(0, 8, [], root1, root8)).toBe(false);
    expect(verifyConsistency(0, 0, [], empty, root1)).toBe(false);
    expect(verifyConsistency(1, 1, [], root1, root8)).toBe(false);
    expect(verifyConsistency(1, 0, [], root1, empty)).toBe(false);
    expect(verifyConsistency(2, 1, [], ROOTS[2], root1)).toBe(false);
    expect(verifyConsistency(1, 2, [], root1, ROOTS[2])).toBe(false);
    // A proof where nothing needs proving is malformed.
    expect(verifyConsistency(0, 0, [empty], empty, empty)).toBe(false);
    expect(verifyConsistency(0, 1, [empty], empty, root1)).toBe(false);
    expect(verifyConsistency(1, 1, [empty], root1, root1)).toBe(false);
  });

  it('refuses a single-leaf proof when either hash is not 32 bytes', () => {
    const hash = leafHash(Buffer.from('data'));
    expect(verifyInclusion(hash, 0, 1, [], hash)).toBe(true);
    expect(verifyInclusion(Buffer.alloc(0), 0, 1, [], hash)).toBe(false);
    expect(verifyInclusion(hash, 0, 1, [], Buffer.alloc(0))).toBe(false);
    for (const [index, size] of [
      [0, 0],
      [1, 0],
      [2, 1],
      [1, 1],
    ]) {
      expect(verifyInclusion(SOME_HASH, index, size, [], ROOTS[0])).toBe(false);
    }
  });
});

function flipBit(hash: Buffer, bit: number): Buffer {
  const copy = Buffer.from(hash);
  copy[0] ^= 1 << bit;
  return copy;
}
