// Kept apart from the contract so the sandboxed preload can list the methods without
// bundling zod. contract.ts checks at compile time that both lists are the same.
export const methodNames = [
  'appInfo',
  'health',
  'settingsGet',
  'settingsUpdate',
  // The encrypted store (store-contract.ts).
  'vaultStatus',
  'vaultCreate',
  'vaultUnlock',
  'vaultLock',
  'vaultChangePassphrase',
  'incidentDeclare',
  'incidentList',
  'incidentGet',
  'incidentVerify',
  'eventAppend',
  'eventAmend',
  'eventRedact',
  'evidenceAdd',
  'evidenceList',
  'evidenceExport',
  'backupCreate',
  'backupRestore',
  'backupList',
  // The playbook library (playbook-contract.ts).
  'playbookList',
  'playbookGet',
  'playbookVersions',
  'playbookPreview',
  'playbookSave',
  // Containment actions and script runs (action-contract.ts).
  'actionList',
  'actionSave',
  'actionDelete',
  'actionDryRun',
  'actionRun',
  'actionCancel',
  'scriptOutput',
  'scriptRuns',
  // The post-mortem and exports (postmortem-contract.ts).
  'postmortemDraft',
  'postmortemGet',
  'postmortemSave',
  'postmortemRevision',
  'postmortemSetStatus',
  'actionItemSave',
  'exportMarkdown',
  'exportPdf',
  'exportBundle',
  // Tabletop exercises (exercise-contract.ts).
  'scenarioList',
  'scenarioImport',
  'exerciseList',
  'exerciseStart',
  'exerciseGet',
  'exerciseControl',
  'injectFire',
  'injectSkip',
  'injectEdit',
  'exerciseNotes',
  'exerciseScore',
  'exerciseReport',
  // Stakeholder updates (comms-contract.ts).
  'commsUpdateSend',
  'exerciseDecision',
  'objectiveAssess',
  'hotWashAdd',
] as const;
export type MethodName = (typeof methodNames)[number];

export const ipcChannel = (method: MethodName): string => `cordon:${method}`;
export const pushChannel = 'cordon:push';
