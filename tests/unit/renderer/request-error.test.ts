import { describe, expect, it } from 'vitest';
import { requestErrorMessage } from '../../../src-renderer/lib/request-error.js';

const REFUSAL = 'This token may only read; ask for an operate token.';

describe('requestErrorMessage', () => {
  it('unwraps what Electron makes of a refusal in the main process', () => {
    const wrapped = new Error(`Error invoking remote method 'notifications:acknowledge': UserError: ${REFUSAL}`);
    expect(requestErrorMessage(wrapped)).toBe(REFUSAL);
    expect(requestErrorMessage(new Error(`Error invoking remote method 'notifications:mute': Error: ${REFUSAL}`))).toBe(REFUSAL);
  });

  it('keeps the browser harness’s message, and a message that only looks like a name', () => {
    expect(requestErrorMessage(new Error(REFUSAL))).toBe(REFUSAL);
    expect(requestErrorMessage(new Error('TypeError: the list is gone'))).toBe('TypeError: the list is gone');
    expect(requestErrorMessage('the server went away')).toBe('the server went away');
  });
});
