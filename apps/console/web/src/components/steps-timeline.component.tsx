import { useFormat } from '../format/use-format';

export interface Step {
  label: string;
  at: string | null | undefined;
}

/** A record's steps so far, oldest first: those not reached yet (no time) are left out, not shown as empty. */
export function StepsTimeline(props: { steps: Step[]; testId?: string }) {
  const format = useFormat();
  return (
    <ol class="timeline" data-testid={props.testId}>
      {props.steps
        .filter((step) => step.at)
        .map((step) => (
          <li key={step.label}>
            <span class="when">{format.dateTime(step.at)}</span> <span class="what">{step.label}</span>
          </li>
        ))}
    </ol>
  );
}
