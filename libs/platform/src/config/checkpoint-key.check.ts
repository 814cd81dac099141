import { parseSignerKey } from '@app/transparency';

/**
 * Why a checkpoint signing key will not do, or undefined: it must parse as a C2SP Ed25519 signer key, and its name —
 * the checkpoint origin — must be `<deployment>/<service>`, so a witness sees which service of which deployment signed.
 */
export function checkpointKeyProblem(skey: string, serviceName: string): string | undefined {
  let name: string;
  try {
    name = parseSignerKey(skey).name;
  } catch (error) {
    return `CHECKPOINT_SIGNING_KEY is not a C2SP Ed25519 signer key: ${(error as Error).message}`;
  }
  const deployment = name.endsWith(`/${serviceName}`) ? name.slice(0, -serviceName.length - 1) : '';
  if (deployment.length === 0) {
    return `CHECKPOINT_SIGNING_KEY is named "${name}"; its name is the checkpoint origin and must be <deployment>/${serviceName}`;
  }
  return undefined;
}
