import { z } from 'zod';
import {
  backupCreateInputSchema,
  backupInfoSchema,
  backupRestoreInputSchema,
  backupRestoreOutputSchema,
  evidenceAddInputSchema,
  evidenceExportInputSchema,
  evidenceExportOutputSchema,
  evidenceListInputSchema,
  evidenceSchema,
  eventAmendInputSchema,
  eventRedactInputSchema,
  incidentDeclareInputSchema,
  incidentGetInputSchema,
  incidentGetOutputSchema,
  incidentListInputSchema,
  incidentListOutputSchema,
  incidentSummarySchema,
  incidentVerifyInputSchema,
  incidentVerifyOutputSchema,
  storedEventSchema,
  vaultChangePassphraseInputSchema,
  vaultCreateInputSchema,
  vaultStatusSchema,
  vaultUnlockInputSchema,
} from './store-schemas';
import {
  storeHealthSchema,
  uploadBeginInputSchema,
  uploadBeginOutputSchema,
  uploadChunkInputSchema,
  uploadChunkOutputSchema,
} from './file-schemas';

const noInput = z.object({}).strict();

/** The encrypted store's methods; spread into `contract` in contract.ts. */
export const storeContract = {
  vaultStatus: { input: noInput, output: vaultStatusSchema },
  vaultCreate: { input: vaultCreateInputSchema, output: vaultStatusSchema },
  vaultUnlock: { input: vaultUnlockInputSchema, output: vaultStatusSchema },
  vaultLock: { input: noInput, output: vaultStatusSchema },
  vaultChangePassphrase: { input: vaultChangePassphraseInputSchema, output: vaultStatusSchema },
  incidentDeclare: { input: incidentDeclareInputSchema, output: incidentSummarySchema },
  incidentList: { input: incidentListInputSchema, output: incidentListOutputSchema },
  incidentGet: { input: incidentGetInputSchema, output: incidentGetOutputSchema },
  incidentVerify: { input: incidentVerifyInputSchema, output: incidentVerifyOutputSchema },
  eventAmend: { input: eventAmendInputSchema, output: storedEventSchema },
  eventRedact: { input: eventRedactInputSchema, output: storedEventSchema },
  evidenceAdd: { input: evidenceAddInputSchema, output: evidenceSchema },
  evidenceList: { input: evidenceListInputSchema, output: z.array(evidenceSchema) },
  evidenceExport: { input: evidenceExportInputSchema, output: evidenceExportOutputSchema },
  backupCreate: { input: backupCreateInputSchema, output: backupInfoSchema },
  backupRestore: { input: backupRestoreInputSchema, output: backupRestoreOutputSchema },
  backupList: { input: noInput, output: z.array(backupInfoSchema) },
  storeCheck: { input: noInput, output: storeHealthSchema },
  storeHealth: { input: noInput, output: storeHealthSchema },
  uploadBegin: { input: uploadBeginInputSchema, output: uploadBeginOutputSchema },
  uploadChunk: { input: uploadChunkInputSchema, output: uploadChunkOutputSchema },
} as const;

export type StoreMethodName = keyof typeof storeContract;
