import { migrations } from './index';
import { migration008 } from './008-devices';
import type { Migration } from './migration';

// Migration 008 (sync) is numbered after 007, which another branch adds. Until index.ts lists
// 008 itself (one line, once 007 is in), the vault migrates with this list.
export const migrationsWithDevices: readonly Migration[] = migrations.some((m) => m.version === 8) ? migrations : [...migrations, migration008];
