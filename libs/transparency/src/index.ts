// Transparency-log formats and proofs, pure and framework-free: RFC 9162 Merkle tree hashing and proofs, and the
// C2SP signed-note, tlog-checkpoint and tlog-cosignature formats. A verifier needs nothing but these and a public key.
export * from './merkle/merkle-tree.hashing';
export * from './merkle/merkle-hash-reader';
export * from './merkle/in-memory-merkle-tree';
export * from './merkle/complete-subtrees';
export * from './merkle/root-hash';
export * from './merkle/inclusion-proof';
export * from './merkle/inclusion-proof.verifier';
export * from './merkle/consistency-proof';
export * from './merkle/consistency-proof.verifier';
export { perfectSubtreesOf, combinePerfectSubtrees, type LeafRange } from './merkle/merkle-tree.ranges';
export { NoteError, type NoteErrorCode } from './notes/note-error';
export { noteKeyId, SIGNATURE_TYPE_ED25519, SIGNATURE_TYPE_COSIGNATURE_V1 } from './notes/note-key-id';
export { parseVerifierKey, ed25519VerifierKey, type NoteVerifier } from './notes/note-verifier-key';
export { parseSignerKey, generateNoteKey, type NoteSigner } from './notes/note-signer-key';
export {
  signNote,
  openNote,
  addNoteSignatures,
  MAX_NOTE_SIGNATURES,
  type NoteSignature,
  type OpenedNote,
} from './notes/signed-note';
export { formatCheckpoint, parseCheckpoint, type Checkpoint } from './notes/tlog-checkpoint';
export {
  generateWitnessKey,
  parseWitnessSignerKey,
  parseWitnessVerifierKey,
  cosignCheckpoint,
  verifyCosignature,
  type WitnessSigner,
  type WitnessVerifier,
} from './notes/tlog-cosignature';
export {
  openSignedCheckpoint,
  keyLabel,
  CheckpointProblem,
  type CheckpointProblemKind,
  type VerifiedCheckpoint,
} from './witness/signed-checkpoint.verifier';
export {
  MalformedAnswer,
  parseBase64Hash,
  parseBase64HashList,
  parseTreeSize,
  parseConsistencyAnswer,
} from './witness/proof-response.parsing';
export {
  witnessStep,
  describeInconsistency,
  WitnessStateMismatch,
  type Inconsistency,
  type WitnessStepInput,
  type WitnessStepResult,
} from './witness/witness-step';
export { witnessVerifierKeyOf } from './witness/witness-key';
