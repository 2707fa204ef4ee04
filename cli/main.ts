import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type CommandIo, processIo } from './command-io.ts';
import { runAnalyze } from './commands/analyze.ts';
import { AUDIT_JSON_HELP, runAudit } from './commands/audit.ts';
import { runCheck } from './commands/check.ts';
import { runEval } from './commands/eval.ts';
import { runProve, runVerifyProof } from './commands/prove.ts';
import { runServe } from './commands/serve.ts';
import { runVerify } from './commands/verify.ts';
import { CliError, EXIT_CODES_HELP, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE } from './exit-codes.ts';

export interface CliRuntime {
  /** A signal that fires when the process should stop; asked for only by long-running commands. */
  stopSignal(): AbortSignal;
}

function portNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new InvalidArgumentError('must be a port number 0–65535');
  return Number(value);
}

function entrySeq(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError('must be an entry sequence number (0, 1, 2, …)');
  }
  return Number(value);
}

function unitInterval(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('must be a number from 0 to 1');
  return n;
}

export function createProgram(
  io: CommandIo,
  runtime: CliRuntime,
  setExitCode: (code: number) => void,
): Command {
  const program = new Command('cogfw')
    .description(
      'Cognitive Firewall: detect manipulation and influence techniques in AI assistants’ replies, on your machine.',
    )
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP);

  program
    .command('analyze')
    .summary('weekly influence reports from chat files')
    .description(
      'Analyse the assistant replies in chat files and print a weekly influence report per week, plus totals.',
    )
    .addHelpText(
      'after',
      `
Input formats, recognised by content:
  - a ChatGPT data export (conversations.json; the current branch of each conversation)
  - a Claude data export (conversations.json with chat_messages)
  - JSONL rows {role, text, time?, conversation?, site?}: role user or assistant; time ISO 8601 or
    epoch seconds/milliseconds; the user row before an assistant row gives context
  - any other text file: one assistant reply
Replies without a time are dated by the file's modification time (the report says so).
Malformed rows are reported on stderr and skipped; a file that cannot be read at all is an error.`,
    )
    .argument('<files...>', 'chat files')
    .option('--json', 'print { weeks, totals, notes, problems } as JSON')
    .option('--site <name>', 'site to attribute replies to when the input does not name one')
    .option('--time-zone <zone>', 'IANA time zone for weeks and hours (default: local)')
    .option('--log-out <file>', 'also write the analyses as a signed log export (see cogfw verify)')
    .option('--key <file>', 'device key file to sign the export with; created when it does not exist')
    .option('--passphrase-file <file>', 'seal the export with the passphrase in this file')
    .addHelpText(
      'after',
      `
The log export (--log-out) holds one entry per analysed reply: scores, findings and flags, never the
reply's words. Without --key it is signed by a new key, named in its header. A key file is JSON:
  {"format":1,"kind":"cogfw-device-key","publicKey":"<64 hex>","secretKey":"<64 hex>"}
where secretKey is the Ed25519 seed; it is written with mode 0600. Keep it private.`,
    )
    .action(async (files: string[], options: Parameters<typeof runAnalyze>[1]) => {
      setExitCode(await runAnalyze(files, options, io));
    });

  program
    .command('verify')
    .summary('check a log export offline')
    .description(
      'Check an exported log: header signature, every entry and body hash, the chain, every batch root and\nsignature through key rotations, redactions, anchor receipts and the trailer.',
    )
    .addHelpText(
      'after',
      `
Exit 0 when the export is valid (a summary, with how many entries are redacted); exit 1 naming the first
line that fails and why (FILE:LINE: reason); exit 2 when the file cannot be read or opened.`,
    )
    .argument('<file>', 'exported log (JSON Lines, or passphrase-sealed)')
    .option('--passphrase-file <file>', 'passphrase for a sealed export')
    .option('--json', 'print the verdict as JSON')
    .action(async (file: string, options: { passphraseFile?: string; json?: boolean }) => {
      setExitCode(await runVerify(file, options, io));
    });

  program
    .command('prove')
    .summary('inclusion proof of one log entry')
    .description('Print, as JSON, the proof that entry N of a (verified) export is in its signed batch.')
    .argument('<file>', 'exported log')
    .requiredOption('--seq <n>', 'sequence number of the entry', entrySeq)
    .option('--passphrase-file <file>', 'passphrase for a sealed export')
    .action(async (file: string, options: { seq: number; passphraseFile?: string }) => {
      setExitCode(await runProve(file, options, io));
    });

  program
    .command('verify-proof')
    .summary('check an entry inclusion proof')
    .description(
      "Check a proof made by cogfw prove: the entry's hashes, the audit path to the batch root and the batch\nsignature; with --export, also that the batch belongs to that verified export.",
    )
    .argument('<proof>', 'proof JSON file')
    .option('--export <file>', 'the export the proof should come from')
    .option('--passphrase-file <file>', 'passphrase for a sealed --export')
    .option('--json', 'print the verdict as JSON')
    .action(async (proof: string, options: { export?: string; passphraseFile?: string; json?: boolean }) => {
      setExitCode(await runVerifyProof(proof, options, io));
    });

  program
    .command('eval')
    .summary('precision, recall and F1 per technique against labelled data')
    .description('Score the shipped analyzer against labelled JSONL rows.')
    .addHelpText(
      'after',
      `
Rows: {id?, text, labels: ["T01", …], scope?: ["T01", …]}. Outside its scope a row says nothing.
A technique counts as predicted when the analyzer reports it as a finding, i.e. its final score passes
the shipped threshold. Any malformed row is an error (exit 2).`,
    )
    .argument('<file>', 'labelled JSONL file')
    .option(
      '--json',
      'print { techniques: { T01: { tp, fp, fn, precision, recall, f1, support } … }, macroF1 }',
    )
    .option('--predictions <out.jsonl>', 'write { id, predicted, scores } per row')
    .option('--min-macro-f1 <x>', 'exit 1 when macro F1 is below x', unitInterval)
    .action(async (file: string, options: { json?: boolean; predictions?: string; minMacroF1?: number }) => {
      setExitCode(await runEval(file, options, io));
    });

  program
    .command('audit')
    .summary('does RLHF preference data reward manipulation?')
    .description(
      'Compare the chosen and rejected replies of preference pairs: technique rates, a paired sign test and Wilcoxon test per technique (Holm-corrected), engagement over wellbeing, and a verdict.',
    )
    .addHelpText(
      'after',
      `
Rows: {prompt, chosen, rejected}; chosen and rejected are strings, or lists of {role, content}
messages whose last entry is the assistant's reply. Any malformed row is an error (exit 2).
${AUDIT_JSON_HELP}`,
    )
    .argument('<file>', 'preference JSONL file')
    .option('--json', 'print the audit as JSON (see below)')
    .action(async (file: string, options: { json?: boolean }) => {
      setExitCode(await runAudit(file, options, io));
    });

  program
    .command('check')
    .summary('judge replies or facts against the constitution')
    .description(
      'Print each row’s ten principles (status, rules fired and defeated) and the action the protection level calls for.',
    )
    .addHelpText(
      'after',
      `
Rows (JSONL): {"text": …, "context": {…}} analyses a reply first; {"facts": {"technique.T01.score": 0.9, …},
"context": {…}} judges the facts as given. Context keys: level (minimal|standard|enhanced|maximum, default
standard), site, vulnerable (true|false), assistant_state (NORMAL|MONITOR|HOLD|RECOVERY|DEGRADED).
Without --pack the shipped constitution (models/rules/constitution.json) judges; with --pack exactly the
packs given. A pack that fails validation, or a malformed row, is an error (exit 2).`,
    )
    .argument('<file>', 'JSONL rows')
    .option(
      '--pack <pack.json>',
      'a rule pack to judge with instead of the shipped constitution (repeat for several)',
      (path: string, paths: string[] = []) => [...paths, path],
    )
    .option(
      '--json',
      'print { principles: { P1: { status, fired, defeated, explanation } … }, action } per row',
    )
    .action(async (file: string, options: { pack?: string[]; json?: boolean }) => {
      setExitCode(await runCheck(file, options, io));
    });

  program
    .command('serve')
    .summary('run the aggregator')
    .description('Run the aggregator (federated rounds, governance, anchors) until SIGINT or SIGTERM.')
    .addHelpText(
      'after',
      `
Unset options fall back to HOST, PORT, DATA_DIR, DATABASE_URL and LOG_LEVEL, then to 127.0.0.1:8787
with embedded storage (PGlite) in .data/aggregator.`,
    )
    .option('--host <host>', 'interface to listen on')
    .option('--port <port>', 'port to listen on (0 picks a free one)', portNumber)
    .option('--data-dir <dir>', 'folder for embedded storage (PGlite)')
    .option('--database-url <url>', 'postgres:// URL to use PostgreSQL instead of embedded storage')
    .addOption(
      new Option('--log-level <level>', 'log level').choices([
        'fatal',
        'error',
        'warn',
        'info',
        'debug',
        'trace',
        'silent',
      ]),
    )
    .action(async (options: Parameters<typeof runServe>[0]) => {
      setExitCode(await runServe(options, io, runtime.stopSignal()));
    });

  return program;
}

/** SIGINT/SIGTERM stop the command gracefully; a second signal exits at once. */
function processStopSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

/** Runs `cogfw` with `args` (without node and script) and returns the exit code; never throws. */
export async function runCli(
  args: string[],
  io: CommandIo = processIo(),
  runtime: CliRuntime = { stopSignal: processStopSignal },
): Promise<number> {
  let exitCode = EXIT_OK;
  const program = createProgram(io, runtime, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    if (error instanceof CliError) {
      io.stderr.write(`cogfw: ${error.message}\n`);
      return error.exitCode;
    }
    const detail = process.env.COGFW_DEBUG && error instanceof Error ? error.stack : String(error);
    io.stderr.write(`cogfw: internal error: ${detail}\n`);
    return EXIT_INTERNAL;
  }
}

/** Exit once everything written to stdout has been flushed (a bare process.exit can cut piped output). */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

/** The process entry: `cogfw …` from the bin shim or `tsx cli/main.ts …`. */
export async function main(): Promise<void> {
  // `cogfw analyze … | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
    throw error;
  });
  exitAfterFlush(await runCli(process.argv.slice(2)));
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) await main();
