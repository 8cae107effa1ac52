import type { ChainVerdict } from '../../shared/ipc/store-schemas';
import type { Db } from './database';
import { verifyChains } from './verify-chains';

export interface StoreHealth {
  ok: boolean;
  /** Each problem in words, naming the part of the store it was found in. */
  problems: string[];
  /** Every incident's chain verdict; empty when the pages could not be read far enough to judge them. */
  chains: ChainVerdict[];
}

const isSqliteDamage = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB') || code === 'SQLITE_IOERR_SHORT_READ');
};

const searchDamaged = 'search index: it is damaged, so searches may miss events';
const isSearchFinding = (finding: string): boolean => /^fts5:|FTS5 table|table "search"/i.test(finding);

/**
 * Checks the whole store, not only the chains: SQLite's quick_check reads every table and index
 * page (with SQLCipher each page carries its own HMAC, so a page changed on disk fails to decrypt
 * and is reported here), the full-text index checks itself against its content, and then every
 * incident's hash chain is recomputed. A read that fails with a damage code is a finding, never
 * an error: whatever the failure, the answer is "damaged" with where, not "internal".
 */
export function checkStoreHealth(db: Db): StoreHealth {
  const problems: string[] = [];
  try {
    const rows = db.pragma('quick_check(20)', { simple: false }) as { quick_check: string }[];
    const findings = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    // Since SQLite 3.44 the check also runs FTS5's own (xIntegrity): its finding is the search index's.
    const pages = findings.filter((r) => !isSearchFinding(r));
    if (pages.length > 0) problems.push(`database pages: ${summarise(pages)}`);
    if (pages.length < findings.length) problems.push(searchDamaged);
  } catch (error) {
    if (!isSqliteDamage(error)) throw error;
    problems.push('database pages: some pages do not decrypt or read back (the file was changed on disk)');
  }
  // The index's own check command is an INSERT: only where the connection may write (the
  // worker's snapshot is read-only and relies on the check above).
  if (!db.readonly && !problems.includes(searchDamaged)) {
    try {
      db.prepare(`INSERT INTO search (search) VALUES ('integrity-check')`).run();
    } catch (error) {
      if (!isSqliteDamage(error)) throw error;
      problems.push(searchDamaged);
    }
  }
  let chains: ChainVerdict[] = [];
  try {
    chains = verifyChains(db);
    for (const v of chains.filter((c) => !c.ok)) {
      problems.push(`event log of incident ${v.incidentId}: ${v.problem ?? 'broken chain'}${v.firstBadN !== null ? ` (at event ${v.firstBadN})` : ''}`);
    }
  } catch (error) {
    if (!isSqliteDamage(error)) throw error;
    problems.push('event log: its pages do not read back, so the chains cannot be recomputed');
  }
  return { ok: problems.length === 0, problems, chains };
}

/** quick_check names pages by number, many times over; a reader needs the gist and a count. */
function summarise(findings: string[]): string {
  const first = (findings[0] ?? '').replace(/^\*\*\* in database main \*\*\*\s*/, '').split('\n')[0] ?? '';
  return `${findings.length >= 20 ? '20 or more' : findings.length} problem${findings.length === 1 ? '' : 's'} found by SQLite's check, the first: ${first.slice(0, 160)}`;
}
