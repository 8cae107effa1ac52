import type { Db } from './database';
import type { Migration } from './migrations/migration';
import { migrations as allMigrations } from './migrations';
import { StoreError } from './store-error';

export const schemaVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;

/**
 * Brings a store up to the latest schema. Each migration runs in its own transaction with the
 * user_version bump, so a failure rolls that step back and leaves the previous version intact.
 * A new store runs them all, ending at the latest version.
 */
export function migrate(db: Db, migrations: readonly Migration[] = allMigrations): { from: number; to: number } {
  const from = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new StoreError('too_new', `This store was written by a newer Cordon (schema ${from}); update Cordon to open it.`);
  }
  for (const migration of migrations) {
    if (migration.version <= schemaVersion(db)) continue;
    try {
      db.transaction(() => {
        migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(
        'migration_failed',
        `Cordon could not upgrade the store to schema ${migration.version} (${migration.name}); it was left at schema ${schemaVersion(db)}, unchanged.`,
        { cause: error },
      );
    }
  }
  return { from, to: schemaVersion(db) };
}
