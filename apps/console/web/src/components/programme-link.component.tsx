import { Link } from './link.component';

/** A budget programme by its code and name, opening its page. */
export function ProgrammeLink(props: { programme: { id: string; code: string; name: string } }) {
  const p = props.programme;
  return (
    <Link href={`/programmes/${p.id}`}>
      {p.code} — {p.name}
    </Link>
  );
}
