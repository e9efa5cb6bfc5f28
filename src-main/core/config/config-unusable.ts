/** A configuration file a reading command cannot use: the message names it and what is wrong; nothing was moved. */
export class ConfigUnusableError extends Error {
  override readonly name = 'ConfigUnusableError';
}
