import { join } from 'node:path';
import type { AppInfo } from '../../shared/ipc/app-schemas';
import { describeApp, type RuntimeDescription } from './app-info';
import { createHealthService, type HealthProbe } from './health';
import { bridgeCommitsToWindows } from './commit-bridge';
import { createPushBus, type PushBus } from './push-bus';
import { startSearchIndexer } from './search-indexer';
import { createSettingsService } from './settings-store';
import type { Logger } from './logger';
import { createIncidentService, type IncidentService } from './incidents';
import { createEvidenceService, type EvidenceService } from './evidence';
import { Vault } from '../store/vault';
import { noKeychain, type Keychain } from '../store/keychain';
import type { ScryptParams } from '../store/key-envelope';
import { createPlaybookService, seedDefaultPlaybook, type PlaybookService } from './playbooks';
import { createPostmortemService, type PostmortemService } from './postmortem';
import type { PdfRenderer } from './export/pdf-renderer';
import { createScriptService, type ScriptService } from './scripts/service';
import type { RunnerOptions } from './scripts/runner';
import type { RunPlan } from '../../shared/containment/model';
import { spawn } from 'node:child_process';
import { createExerciseService, type ExerciseService } from './exercises';
import { formatPlaybookRef } from '../../shared/playbook/library';
import { actorName } from '../../shared/settings/settings';
import { createCommsService, type CommsService } from './comms';
import { noFileSink, type FileSink } from './files/file-sink';
import { createUploads, type Uploads } from './files/uploads';
import { createTimelineService, type TimelineService } from './timeline';
import { createSyncService, syncDir, type SyncService } from './sync';
import { machineAddresses, type NetworkAddress } from './network-addresses';

export interface ServiceDeps {
  runtime: RuntimeDescription;
  /** Where Cordon keeps its files: Electron's userData, or the harness's data dir. */
  dataDir: string;
  logger: Logger;
  now?: () => number;
  /** The OS keychain (Electron's safeStorage adapter); none in the harness. */
  keychain?: Keychain;
  /** Lock the store after this many idle minutes; 0 = never. Default 15. */
  autoLockMinutes?: number;
  /** Tests lower the KDF cost; production uses the default (see key-envelope.ts). */
  scryptParams?: ScryptParams;
  /** better-sqlite3's native addon built for this runtime (Electron passes its own build). */
  nativeBinding?: string;
  /** Our default playbook (resources/playbooks/default.md); seeded into an empty library. */
  defaultPlaybookFile?: string;
  /** Prints the post-mortem's HTML to PDF: Electron's printToPDF, or Chromium via playwright-core in the harness. */
  pdf?: PdfRenderer;
  /** The script runner's process spawner and limits; default node:child_process spawn. */
  runner?: Partial<RunnerOptions>;
  /** Electron's native confirmation for a destructive action or a shell; none in the harness (which uses one-time tokens). */
  confirmAction?: (plan: RunPlan) => Promise<boolean>;
  /** resources/exercises: the built-in tabletop scenarios (*.yaml). */
  exercisesDir?: string;
  /** Run the exercise timer (fires due injects); default true. Tests turn it off and tick by hand. */
  exerciseTimer?: boolean;
  /**
   * Where exports and evidence copies go, decided by the main process: Electron's native save
   * dialog, the harness's one-time downloads, or a folder (tests). Never a path from the page.
   */
  files?: FileSink;
  /** This machine's IPv4 addresses, offered as where sync listens; default: read from the OS each time. */
  networkAddresses?: () => NetworkAddress[];
}

export interface Services {
  appInfo: AppInfo;
  bus: PushBus;
  health: ReturnType<typeof createHealthService>;
  settings: ReturnType<typeof createSettingsService>;
  vault: Vault;
  incidents: IncidentService;
  timeline: TimelineService;
  evidence: EvidenceService;
  playbooks: PlaybookService;
  postmortem: PostmortemService;
  scripts: ScriptService;
  exercises: ExerciseService;
  comms: CommsService;
  uploads: Uploads;
  sync: SyncService;
  close(): Promise<void>;
}

/** The composition root shared by Electron's main process and the browser harness. */
export function createServices(deps: ServiceDeps): Services {
  const now = deps.now ?? Date.now;
  const bus = createPushBus(deps.logger);
  const settings = createSettingsService(join(deps.dataDir, 'settings.json'), bus, deps.logger);
  const vault = new Vault({
    dbFile: join(deps.dataDir, 'cordon.db'),
    backupsDir: join(deps.dataDir, 'backups'),
    keychain: deps.keychain ?? noKeychain,
    bus,
    logger: deps.logger,
    autoLockMs: (deps.autoLockMinutes ?? 15) * 60_000,
    now,
    ...(deps.scryptParams ? { scryptParams: deps.scryptParams } : {}),
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
    prepare: (store) => seedDefaultPlaybook(store, { defaultPlaybookFile: deps.defaultPlaybookFile ?? null, now, logger: deps.logger }),
  });
  const stopWindowBridge = bridgeCommitsToWindows((listener) => vault.onCommitted(listener), bus);
  const probes: HealthProbe[] = [
    {
      name: 'settings',
      check: async () => {
        const current = await settings.get();
        return { ok: true, detail: `Theme preference: ${current.theme}` };
      },
    },
    {
      name: 'store',
      // Says only whether the store is set up and open: never anything from inside it.
      check: () => {
        const counts = vault.peek((store) => store.log.counts());
        if (!counts) return { ok: true, detail: vault.status().state === 'locked' ? 'Locked.' : 'Not set up yet.' };
        const { incidents } = counts;
        return { ok: true, detail: `Unlocked; ${incidents} incident${incidents === 1 ? '' : 's'}.` };
      },
    },
  ];
  const scripts = createScriptService({
    withStore: (fn) => vault.use(fn),
    isUnlocked: () => vault.isUnlocked,
    bus,
    logger: deps.logger,
    runner: { spawn, logger: deps.logger, ...deps.runner },
    now,
    ...(deps.confirmAction ? { confirm: deps.confirmAction } : {}),
  });
  const incidents = createIncidentService(vault);
  const files = deps.files ?? noFileSink;
  const uploads = createUploads({ dir: join(deps.dataDir, 'uploads'), now });
  const stopSearchIndexer = startSearchIndexer({
    onCommitted: (listener) => vault.onCommitted(listener),
    onUnlocked: (listener) =>
      bus.subscribe((event) => {
        if (event.topic === 'vault.changed' && event.state === 'unlocked') listener();
      }),
    peek: (fn) => vault.peek(fn),
    logger: deps.logger,
  });
  const playbooks = createPlaybookService({
    withStore: (fn) => vault.use(fn),
    defaultPlaybookFile: deps.defaultPlaybookFile ?? null,
    now,
    logger: deps.logger,
  });
  const exercises = createExerciseService({
    withStore: (fn) => vault.use(fn),
    isUnlocked: () => vault.isUnlocked,
    incidents,
    bus,
    logger: deps.logger,
    now,
    pdf: deps.pdf ?? null,
    builtinDir: deps.exercisesDir ?? null,
    resolvePlaybook: (id) => {
      const found = playbooks.list().find((p) => p.id === id);
      return found ? formatPlaybookRef(found) : null;
    },
    ...(deps.exerciseTimer === false
      ? {}
      : {
          schedule: (fn: () => void, ms: number) => {
            const timer = setInterval(fn, ms);
            timer.unref?.();
            return () => clearInterval(timer);
          },
        }),
  });
  const sync = createSyncService({
    withStore: (fn) => vault.use(fn),
    bus,
    logger: deps.logger,
    dir: syncDir(deps.dataDir),
    networkAddresses: deps.networkAddresses ?? (() => machineAddresses()),
    now,
    actor: async () => actorName(await settings.get()),
    files,
    uploads,
  });
  return {
    appInfo: describeApp(deps.runtime),
    bus,
    health: createHealthService(probes, now(), now),
    settings,
    vault,
    incidents,
    evidence: createEvidenceService(vault, files, uploads),
    timeline: createTimelineService(vault, deps.logger),
    uploads,
    playbooks,
    postmortem: createPostmortemService({ withStore: (fn) => vault.use(fn), pdf: deps.pdf ?? null, now, files }),
    scripts,
    exercises,
    comms: createCommsService({ withStore: (fn) => vault.use(fn), now, actor: async () => actorName(await settings.get()) }),
    // Running scripts are cancelled (their whole process groups) and recorded before the store closes.
    sync,
    close: async () => {
      await sync.close();
      exercises.close();
      stopSearchIndexer();
      stopWindowBridge();
      await scripts.close();
      uploads.close();
      vault.shutdown();
    },
  };
}
