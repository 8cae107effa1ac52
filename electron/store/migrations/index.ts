import { migration001 } from './001-event-log';
import { migration002 } from './002-evidence';
import { migration003 } from './003-playbooks';
import { migration004 } from './004-containment';
import { migration005 } from './005-exercises';
import { migration006 } from './006-search-catch-up';
import { migration007 } from './007-timeline-index';
import { migration008 } from './008-devices';
import { migration009 } from './009-device-timeline';
import { migration010 } from './010-device-search';
import { migration011 } from './011-sync-address';
import { migration012 } from './012-search-scoped';
import type { Migration } from './migration';

/** Every schema version in order; the last one is what a new store starts at. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012];
export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
