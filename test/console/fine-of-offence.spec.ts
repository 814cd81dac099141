import { randomUUID } from 'node:crypto';
import { fineIdForOffence as issuedUnder } from '../../apps/fines/src/application/issue-fine';
import { fineIdForOffence as linkedTo } from '../../apps/console/web/src/raids/fine-id';

// The console's raid page links each offence to its fine by the id fines issues it under, derived in the browser
// the way fines derives it: the two must never drift apart (a link would then lead to "not found").
describe("the console's fine id of an offence", () => {
  it('is the id fines issues the fine under', async () => {
    for (const offenceId of ['0b0f5f2e-5a43-4d8e-9c1b-2b9f3c2a1d11', randomUUID(), randomUUID(), randomUUID()])
      expect({ offenceId, id: await linkedTo(offenceId) }).toEqual({ offenceId, id: issuedUnder(offenceId) });
  });
});
