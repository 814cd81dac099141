import { useEffect, useState } from 'preact/hooks';
import { useI18n } from './i18n/i18n-context';
import { commandHeader, useSend, type CommandHeader } from './use-send';

/** A step's request, sent with the header `useRecordSteps` gives it (the version read, a fresh key). */
export type StepCommand = (header: CommandHeader) => Promise<unknown>;

/**
 * A record a page shows and takes steps on (a case, a raid): `record`, what `read` answered (null until then), the
 * read's failure and `reload`, which reads it again (clearing any refusal shown) and then, when given, what goes
 * with it (`alongside`: the fines of a raid's offences, read once the raid is shown).
 * `send` sends one step at the version the page read: a success says so (`<words>.done.<step>`), empties the step's
 * form (`emptied`) and reads the record again; a refusal (a change meanwhile: 409) is kept to be shown
 * (`refusal`), and so is every draft.
 */
export function useRecordSteps<R>(
  words: string,
  read: () => Promise<R>,
  deps: readonly unknown[],
  alongside?: (record: R) => Promise<void>,
) {
  const { t } = useI18n();
  const [record, setRecord] = useState<R | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const action = useSend();

  const reload = async () => {
    try {
      const loaded = await read();
      setRecord(loaded);
      setFailure(null);
      action.setFailure(null);
      await alongside?.(loaded);
    } catch (caught) {
      setFailure(caught);
    }
  };
  useEffect(() => void reload(), deps);

  const send = async (version: number, step: string, command: StepCommand, emptied: () => void) => {
    setDone(null);
    await action.send(async () => {
      await command(commandHeader(version));
      setDone(t(`${words}.done.${step}`));
      emptied();
      await reload();
    });
  };
  return { record, failure, reload, done, busy: action.busy, refusal: action.failure, send };
}
