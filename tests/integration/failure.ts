/** The `ConnectorError` a promise rejects with; fails the test when it resolves or rejects with anything else. */
import { expect } from 'vitest';
import { ConnectorError } from '../../src-main/core/http/errors.js';

export async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}
