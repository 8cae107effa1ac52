import { statSync } from 'node:fs';
import { usageError, type CliCommand, type CliIo } from '../command';
import { readEnvelope, unwrapWithPassphrase } from '../../store/key-envelope';
import { openStore, type Store } from '../../store/store';
import { StoreError } from '../../store/store-error';

const help = `Usage: cordon verify --db FILE

Checks a Cordon store: SQLite's integrity check, then every incident's hash chain.
Prints one line per incident and names the first bad event of any broken chain.

The passphrase is read from CORDON_PASSPHRASE, or asked for on the terminal.
The key file FILE.keys.json must be beside FILE. The store is opened but not changed.
Close Cordon first: a store open in the app is locked against other processes.

Exit codes: 0 every chain verifies; 1 a chain is broken or the file is damaged;
            2 the store could not be opened (bad path, wrong passphrase, not a Cordon store).
`;

export const verifyCommand: CliCommand = {
  path: ['verify'],
  summary: 'Check a store’s integrity and every incident’s hash chain',
  help,
  async run(args, io) {
    const parsed = parseArgs(args);
    if ('error' in parsed) return usageError(io, 'verify', parsed.error);
    if (parsed.help) {
      io.stdout(help);
      return 0;
    }
    let store: Store | null = null;
    let key: Buffer | null = null;
    try {
      const envelope = readEnvelopeFor(parsed.db);
      const passphrase = await askPassphrase(io);
      key = await unwrapWithPassphrase(envelope, passphrase);
      store = openStore(parsed.db, key, { noMigrate: true });
      return await report(store, io);
    } catch (error) {
      if (error instanceof StoreError) {
        io.stderr(`cordon verify: ${error.message}\n`);
        return error.failure === 'damaged' ? 1 : 2;
      }
      if (error instanceof PromptError) {
        io.stderr(`cordon verify: ${error.message}\n`);
        return 2;
      }
      // Never a stack trace: the message of an unexpected error is enough to report it.
      io.stderr(`cordon verify: could not check the store (${error instanceof Error ? error.message : String(error)}).\n`);
      return 2;
    } finally {
      store?.close();
      key?.fill(0);
    }
  },
};

async function report(store: Store, io: CliIo): Promise<number> {
  const integrity = store.integrity();
  if (integrity !== 'ok') {
    io.stdout(`DAMAGED  SQLite integrity check failed: ${integrity}\n`);
    return 1;
  }
  const verdicts = await store.verifyInParallel();
  let broken = 0;
  for (const v of verdicts) {
    const title = JSON.stringify(store.log.summary(v.incidentId).title);
    if (v.ok) {
      io.stdout(`OK      ${v.incidentId}  ${v.events} events  head ${v.headHash ?? '-'}  ${title}\n`);
    } else {
      broken++;
      const where = v.firstBadEventId ? `first bad event #${v.firstBadN} (${v.firstBadEventId})` : `after event #${v.firstBadN ?? 0}`;
      io.stdout(`BROKEN  ${v.incidentId}  ${title}: ${where}: ${v.problem}\n`);
    }
  }
  io.stdout(
    broken === 0
      ? `All ${verdicts.length} incident chain${verdicts.length === 1 ? '' : 's'} verify.\n`
      : `${broken} of ${verdicts.length} incident chains are broken.\n`,
  );
  return broken === 0 ? 0 : 1;
}

/** Checks the database path first, so a wrong path is reported as such, not as a missing key file. */
export function readEnvelopeFor(db: string) {
  try {
    const stat = statSync(db);
    if (!stat.isFile()) throw new StoreError('not_cordon', `${JSON.stringify(db)} is not a file.`);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('missing', `There is no file at ${JSON.stringify(db)}.`);
  }
  return readEnvelope(db);
}

export class PromptError extends Error {}

export async function askPassphrase(io: CliIo): Promise<string> {
  const fromEnv = io.env.CORDON_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  try {
    return await io.promptSecret('Passphrase: ');
  } catch (error) {
    throw new PromptError(error instanceof Error ? error.message : 'could not read the passphrase');
  }
}

function parseArgs(args: readonly string[]): { db: string; help: boolean } | { help: true; db?: undefined } | { error: string } {
  let db: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--db') {
      const value = args[++i];
      if (value === undefined || value === '') return { error: '--db needs a file name' };
      db = value;
    } else if (arg.startsWith('--db=')) {
      db = arg.slice('--db='.length);
    } else {
      return { error: `unexpected argument ${JSON.stringify(arg)}` };
    }
  }
  if (!db) return { error: 'missing --db FILE' };
  return { db, help: false };
}
