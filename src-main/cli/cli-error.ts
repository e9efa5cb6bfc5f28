import { EXIT } from './exit-codes.js';

/** A mistake the user can fix: printed as one clear line on stderr, with its exit code (see exit-codes.ts). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
  }
}

export type Flags = Readonly<Record<string, string | boolean | undefined>>;

/** A usage error: the flag or argument in question, and where to read the command's usage. */
export function usageError(sentence: string, command = ''): CliError {
  return new CliError(`${sentence} See backwatch ${command ? `${command} ` : ''}--help.`, EXIT.usage);
}

/** Node's parseArgs refusal in one plain line: its own messages quote oddly and suggest `--` tricks. */
export function parseFailure(error: unknown, command: string): CliError {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(--?[^' ]+)/.exec(message)?.[1] ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return usageError(`Unknown option ${option}.`, command);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return usageError(/does not take/.test(message) ? `${option} takes no value.` : `${option} needs a value.`, command);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return usageError('Unexpected argument.', command);
  return usageError(message.split('\n')[0] ?? message, command);
}
