import { ValidationFailedError } from '@app/domain-kernel';
import { PathParameterPipe } from './path-parameter.pipe';

describe('PathParameterPipe', () => {
  const pipe = new PathParameterPipe();
  const param = (data: string, value: unknown) => () => pipe.transform(value, { type: 'param', data });

  it.each([
    ['id', '0b3c5a8e-5d5e-4a43-9d43-2b1f0c6d7e8f'],
    ['eventId', '0B3C5A8E-5D5E-4A43-9D43-2B1F0C6D7E8F'],
    ['bin', '123456789012'],
    ['streamId', 'raid-0b3c5a8e-5d5e-4a43-9d43-2b1f0c6d7e8f'],
    ['file', 'anything the handler parses'],
  ])('takes %s %s', (name, value) => expect(param(name, value)()).toBe(value));

  it.each([
    ['id', 'not-a-uuid'],
    ['id', "' OR '1'='1"],
    ['pingId', '0b3c5a8e5d5e4a439d432b1f0c6d7e8f'],
    ['bin', '1234567890123'],
    ['bin', '١٢٣٤٥٦٧٨٩٠١٢'],
    ['streamId', 'a b'],
    ['streamId', 'x'.repeat(201)],
  ])('refuses %s %s with a 400 naming it', (name, value) => {
    expect(param(name, value)).toThrow(ValidationFailedError);
    expect(param(name, value)).toThrow(new RegExp(`^${name} must be`));
  });

  it('leaves bodies and queries to validation', () => {
    expect(pipe.transform({ id: 'x' }, { type: 'body' })).toEqual({ id: 'x' });
    expect(pipe.transform({ bin: 'x' }, { type: 'query' })).toEqual({ bin: 'x' });
  });
});
