import { statSync } from 'node:fs';
import { usageError, type CliCommand, type CliIo } from '../command';
import { readEnvelope, unwrapWithPassphrase } from '../../store/key-envelope';
import { openStore, type OpenStore, type Store } from '../../store/store';
import { StoreError } from '../../store/store-error';
import { reportDeviceChains } from './verify-devices';

const help = `Usage: cordon verify --db FILE

Checks the whole of a Cordon store: every database page (SQLite's quick_check; with
SQLCipher each page also carries its own HMAC, so a changed byte anywhere fails to decrypt),
the full-text search index, and every incident's hash chain. Prints one line per incident,
names the first bad event of any broken chain, and says what is damaged where.

The passphrase is read from CORDON_PASSPHRASE, or asked for on the terminal.
The key file FILE.keys.json must be beside FILE. The store is opened but not changed.
Close Cordon first: a store open in the app is locked against other processes.

Exit codes: 0 the store is intact and every chain verifies;
            1 damage found: a broken chain, a damaged page or index, a damaged store file
              or a damaged key file (each named as such);
            2 the store could not be opened (bad path, wrong passphrase, not a Cordon store,
              in use by another process).
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
    let store: OpenStore | null = null;
    let key: Buffer | null = null;
    try {
      const envelope = readEnvelopeFor(parsed.db);
      const passphrase = await askPassphrase(io);
      key = await unwrapWithPassphrase(envelope, passphrase);
      store = openStore(parsed.db, key, { noMigrate: true, keyIsTheStores: true });
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

async function report(store: OpenStore, io: CliIo): Promise<number> {
  const health = store.health();
  // Device chains are read from the store's tables: only when every page checked intact.
  const brokenDevices = health.ok ? reportDeviceChains(store, io) : 0;
  for (const v of health.chains) {
    const title = titleOf(store, v.incidentId);
    if (v.ok) {
      io.stdout(`OK      ${v.incidentId}  ${v.events} events  head ${v.headHash ?? '-'}  ${title}\n`);
    } else {
      const where = v.firstBadEventId ? `first bad event #${v.firstBadN} (${v.firstBadEventId})` : `after event #${v.firstBadN ?? 0}`;
      io.stdout(`BROKEN  ${v.incidentId}  ${title}: ${where}: ${v.problem}\n`);
    }
  }
  const broken = health.chains.filter((v) => !v.ok).length;
  const otherDamage = health.problems.filter((p) => !p.startsWith('event log of incident'));
  for (const problem of otherDamage) io.stdout(`DAMAGED  ${problem}\n`);
  if (health.ok && brokenDevices > 0) {
    io.stdout(`${brokenDevices} device chain${brokenDevices === 1 ? '' : 's'} of shared incidents ${brokenDevices === 1 ? 'is' : 'are'} broken.\n`);
    return 1;
  }
  if (health.ok) {
    io.stdout(`The store is intact. All ${health.chains.length} incident chain${health.chains.length === 1 ? '' : 's'} verify.\n`);
    return 0;
  }
  if (broken > 0) io.stdout(`${broken} of ${health.chains.length} incident chains are broken.\n`);
  io.stdout('This store is damaged. Restore the newest backup that verifies, and keep this copy for investigation.\n');
  return 1;
}

/** A title for the line, or a placeholder when its page is one of the damaged ones. */
function titleOf(store: Store, incidentId: string): string {
  try {
    return JSON.stringify(store.log.summary(incidentId).title);
  } catch {
    return '(title unreadable)';
  }
}

/** Checks the database path first, so a wrong path is reported as such, not as a missing key file. */
export function readEnvelopeFor(db: string) {
  try {
    const stat = statSync(db);
    if (!stat.isFile()) throw new StoreError('not_cordon', `${JSON.stringify(db)} is not a file.`);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('missing', `There is no file at ${JSON.stringify(db)}.`, { cause: error });
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
    throw new PromptError(error instanceof Error ? error.message : 'could not read the passphrase', { cause: error });
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
