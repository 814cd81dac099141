import { escapeLiteral } from 'pg';
import { UUID_PATTERN } from '@app/contracts';

// The few statements built as text rather than bound (several statements in one round trip, which the extended
// protocol cannot carry) take their values from here, each checked or escaped as the kind of value it is.

/** Text as an SQL string literal (pg's own escaping: doubled quotes, E'' for backslashes). */
export const textLiteral = (value: string): string => escapeLiteral(value);

/** A uuid as an SQL literal; checked, because the text becomes SQL. */
export function uuidLiteral(id: string): string {
  if (!UUID_PATTERN.test(id)) throw new Error(`not a uuid: ${JSON.stringify(id)}`);
  return `'${id}'`;
}

/** A safe integer as an SQL literal. */
export function integerLiteral(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return String(value);
}
