import { answer, api, ApiError } from '../api';
import { fineIdForOffence } from './fine-id';

/** What the page knows of an offence's fine: issued (its id and status), not yet (Kafka has not carried it), or unknown. */
export type FineOfOffence = { id: string; status: string } | 'pending' | 'unknown';

/** The fine of an offence as fines answers it now: a 404 is a fine not issued yet, any other refusal unknown. */
export async function fineOfOffence(offenceId: string): Promise<FineOfOffence> {
  const id = await fineIdForOffence(offenceId);
  if (!id) return 'unknown';
  try {
    const { data } = await answer(api.fines.GET('/fines/{id}', { params: { path: { id } } }));
    return { id, status: data.status };
  } catch (caught) {
    return caught instanceof ApiError && caught.status === 404 ? 'pending' : 'unknown';
  }
}
