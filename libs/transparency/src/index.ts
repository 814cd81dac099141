// Transparency-log formats and proofs, pure and framework-free: RFC 9162 Merkle tree hashing and proofs, and the
// C2SP signed-note, tlog-checkpoint and tlog-cosignature formats. A verifier needs nothing but these and a public key.
