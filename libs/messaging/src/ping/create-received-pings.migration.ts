import { tableMigration } from '@app/platform';

/** Pings that reached this service from another one: the proof that its Kafka path works end to end. */
export const CreateReceivedPings1764150000000 = tableMigration('CreateReceivedPings1764150000000', 'received_pings', {
  columns: `
        ping_id uuid PRIMARY KEY,
        from_service text NOT NULL,
        sent_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()`,
});
