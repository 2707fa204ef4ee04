/** Exit codes of `cogfw`, also listed in `cogfw --help`. */
export const EXIT_OK = 0;
/** The check ran and did not pass (e.g. `eval --min-macro-f1`, `verify` of a broken log). */
export const EXIT_FAILED = 1;
/** Bad usage or unreadable input. */
export const EXIT_USAGE = 2;
/** The tool itself could not run: missing build artefacts, or a bug. */
export const EXIT_INTERNAL = 3;

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  the check ran and failed (eval below --min-macro-f1, a log or proof that does not verify)
  2  usage or input error (unknown option, unreadable file, malformed row)
  3  the tool could not run (analyzer files missing, internal error)`;

/** An error meant for the user: printed as one line, without a stack trace, and mapped to an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
