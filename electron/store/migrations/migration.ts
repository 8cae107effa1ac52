import type { Db } from '../database';

/** One schema version. `up` runs inside the runner's transaction; it must not commit. */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
