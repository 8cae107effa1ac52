import { readFileSync } from 'node:fs';
import { CordonError } from '../../shared/ipc/result';
import { importPlaybook, slugify, type Playbook } from '../../shared/playbook';
import type { PlaybookImport } from '../../shared/playbook/model';
import type { PlaybookSummary, StoredPlaybook } from '../../shared/playbook/library';
import type { PlaybookRepo } from '../store/playbook-repo';
import type { Store } from '../store/store';
import { errorShape } from '../store/error-shape';
import type { Logger } from './logger';

export interface PlaybookServiceDeps {
  /** Runs `fn` with the open store, or throws the vault's `locked` error. */
  withStore<T>(fn: (store: Store) => T): T;
  /** Our own default playbook (resources/playbooks/default.md), seeded into an empty library. */
  defaultPlaybookFile: string | null;
  now: () => number;
  logger: Logger;
}

export const defaultPlaybookId = 'cordon-default';

const summary = ({ playbook: _p, source: _s, unparsed: _u, ...rest }: StoredPlaybook): PlaybookSummary => rest;

/**
 * A new store (or one from before the library existed) gets the default playbook, so the first
 * incident can be declared without importing anything. Runs when the vault opens a store
 * (created, unlocked, restored: the vault's `prepare` hook), never from a read.
 */
export function seedDefaultPlaybook(store: Store, deps: Pick<PlaybookServiceDeps, 'defaultPlaybookFile' | 'now' | 'logger'>): void {
  if (!deps.defaultPlaybookFile || store.playbooks.count() > 0) return;
  let markdown: string;
  try {
    markdown = readFileSync(deps.defaultPlaybookFile, 'utf8');
  } catch (error) {
    deps.logger.warn('playbooks.default_unavailable', errorShape(error));
    return;
  }
  const imported = importPlaybook(markdown, { sourceName: 'default.md' });
  const savedAt = new Date(deps.now()).toISOString();
  store.write((tx) => store.playbooks.save(tx, { id: defaultPlaybookId, ...imported, source: markdown, savedAt, savedBy: 'Cordon', builtIn: true }));
}

export function createPlaybookService(deps: PlaybookServiceDeps) {
  const iso = () => new Date(deps.now()).toISOString();

  function uniqueId(repo: PlaybookRepo, title: string): string {
    const base = slugify(title).replace(/[^a-z0-9-]/g, '').replace(/^-+/, '').slice(0, 60) || 'playbook';
    let id = base;
    for (let n = 2; repo.idExists(id); n++) id = `${base}-${n}`;
    return id;
  }

  return {
    list: (): PlaybookSummary[] => deps.withStore((store) => store.playbooks.listLatest().map(summary)),

    get(id: string, version?: number): StoredPlaybook {
      const found = deps.withStore((store) => store.playbooks.get(id, version));
      if (!found) {
        throw new CordonError('not_found', version ? `There is no version ${version} of playbook “${id}”.` : `There is no playbook “${id}”.`);
      }
      return found;
    },

    versions(id: string): PlaybookSummary[] {
      const found = deps.withStore((store) => store.playbooks.versions(id));
      if (found.length === 0) throw new CordonError('not_found', `There is no playbook “${id}”.`);
      return found;
    },

    /** Pure: the importer's result for review. Nothing is written. */
    preview(markdown: string, sourceName?: string, choices?: Record<string, string>): PlaybookImport {
      if (markdown.includes('\0')) throw new CordonError('bad_input', 'This file is not Markdown text (it contains NUL bytes).');
      return importPlaybook(markdown, { ...(sourceName ? { sourceName } : {}), ...(choices ? { choices } : {}) });
    },

    save(input: { actor: string; id?: string | undefined; playbook: Playbook; source: string | null; unparsed: { line: number; text: string }[] }): StoredPlaybook {
      return deps.withStore((store) => {
        const repo = store.playbooks;
        if (input.id !== undefined && !repo.idExists(input.id)) {
          throw new CordonError('not_found', `There is no playbook “${input.id}” to save a new version of.`);
        }
        const id = input.id ?? uniqueId(repo, input.playbook.title);
        return store.write((tx) => repo.save(tx, { id, playbook: input.playbook, source: input.source, unparsed: input.unparsed, savedAt: iso(), savedBy: input.actor })).value;
      });
    },
  };
}

export type PlaybookService = ReturnType<typeof createPlaybookService>;
