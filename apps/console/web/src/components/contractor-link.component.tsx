import { useSession, type Role } from '../session';
import { Link } from './link.component';

/** Who may read a contractor's quality record (road-cases answers GET /contractors/{bin}/quality to these only). */
export const QUALITY_READERS: Role[] = ['official', 'auditor'];

/**
 * A contractor as a page names it (its name when known, then its BIN), linked to its quality record for the roles
 * that may read it; anyone else reads the same words unlinked rather than a link to a page that would refuse them.
 */
export function ContractorLink(props: { bin: string; name?: string | null }) {
  const signedIn = useSession();
  const words = (
    <>
      {props.name && `${props.name} `}
      {props.name ? (
        <>
          (<code>{props.bin}</code>)
        </>
      ) : (
        <code>{props.bin}</code>
      )}
    </>
  );
  return signedIn && QUALITY_READERS.includes(signedIn.role) ? (
    <Link href={`/contractors/${props.bin}`}>{words}</Link>
  ) : (
    words
  );
}
