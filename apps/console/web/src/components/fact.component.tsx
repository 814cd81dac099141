import type { ComponentChildren } from 'preact';

/** One fact of a record, in its list of facts (`<dl class="facts">`): what it is, and its value. */
export function Fact(props: { label: string; testId?: string; lang?: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId} lang={props.lang}>
        {props.children}
      </dd>
    </>
  );
}
