/**
 * A problem with an input that makes the whole file unusable (empty, corrupt, encrypted, not a
 * form). It stops that file only; the CLI prints it as one line and goes on with the batch.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    /** Short stable reason code, e.g. `empty`, `pdf-encrypted`, `not-a-form`. */
    readonly reason: string,
    /** One line that starts with the path of the file at fault (`PATH: reason`). */
    message: string,
  ) {
    super(message);
  }
}

/** Bad command-line usage: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The one-line text for an error about a file: the InputError's message, or a generic line. */
export function describeError(err: unknown): string {
  if (err instanceof InputError) return err.message;
  if (err instanceof Error) return `could not be read (${err.message.split('\n')[0]})`;
  return `could not be read (${String(err)})`;
}
