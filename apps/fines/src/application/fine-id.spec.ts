import 'reflect-metadata';
import { fineIdForOffence } from './issue-fine';

describe('one fine per offence', () => {
  it('derives the same uuid-shaped fine id from the same offence id, and another from another', () => {
    const offence = '0b0f5f2e-5a43-4d8e-9c1b-2b9f3c2a1d10';
    expect(fineIdForOffence(offence)).toBe(fineIdForOffence(offence));
    expect(fineIdForOffence(offence)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fineIdForOffence('0b0f5f2e-5a43-4d8e-9c1b-2b9f3c2a1d11')).not.toBe(fineIdForOffence(offence));
  });
});
