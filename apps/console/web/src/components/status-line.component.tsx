import type { ComponentChildren } from 'preact';

/**
 * A record's status as its page leads with it: `label`, then the status as a badge (`text`, coloured by `status`;
 * `dataStatus`, what a test reads, when it says more than the status), then what goes with it (overdue).
 */
export function StatusLine(props: {
  label: string;
  status: string;
  text: string;
  testId: string;
  dataStatus?: string;
  children?: ComponentChildren;
}) {
  return (
    <p class="status-line">
      {props.label}{' '}
      <strong
        class={`badge badge-${props.status}`}
        data-testid={props.testId}
        data-status={props.dataStatus ?? props.status}
      >
        {props.text}
      </strong>
      {props.children}
    </p>
  );
}
