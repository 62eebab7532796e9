import { describe, expect, it } from 'vitest';
import { assertNever, errorMessage } from '.';

describe('small guards', () => {
  it('an unhandled union member at run time is an error that names it', () => {
    expect(() => assertNever({ type: 'surprise' } as never)).toThrow('Unexpected {"type":"surprise"}');
  });

  it('a thrown value reads as its message, whatever was thrown', () => {
    expect(errorMessage(new RangeError('out of range'))).toBe('out of range');
    expect(errorMessage({ message: 'from a worker' })).toBe('from a worker');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
