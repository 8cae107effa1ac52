// The shape every `cordon` subcommand implements. The IO is injected so commands are
// tested in-process, and the real binary wires it to the process streams.
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Asks for a secret without echo; rejects when there is no terminal to ask on. */
  promptSecret(question: string): Promise<string>;
  readFile(path: string): Promise<Uint8Array>;
}

export interface CliCommand {
  /** Words after `cordon`, e.g. ['verify'] or ['playbook', 'parse']. */
  path: readonly string[];
  summary: string;
  /** Full `--help` text. */
  help: string;
  /** Returns the process exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A wrong invocation: one line saying what, one saying where the usage is; exit code 2. */
export function usageError(io: CliIo, command: string, problem: string): 2 {
  io.stderr(`cordon ${command}: ${problem}\nRun "cordon ${command} --help" for usage.\n`);
  return 2;
}
