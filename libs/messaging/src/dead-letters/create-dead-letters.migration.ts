import { tableMigration } from '@app/platform';

/** Dead letters of the in-process bus (the embedded default has no Kafka topic to keep them in). */
export const CreateDeadLetters1764250000000 = tableMigration('CreateDeadLetters1764250000000', 'dead_letters', {
  columns: `
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        topic text NOT NULL,
        message_key text,
        value text NOT NULL,
        headers jsonb NOT NULL,
        error text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()`,
});
