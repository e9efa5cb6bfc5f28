/** A mistake the user can fix: printed as one clear line on stderr; exit code 4 (0–3 are status answers). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 4,
  ) {
    super(message);
  }
}

export type Flags = Readonly<Record<string, string | boolean | undefined>>;
