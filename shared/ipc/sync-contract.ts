import { z } from 'zod';
import { eventKinds } from '../events/kinds';
import { ipv4Schema } from '../sync/lan-address';
import { deliverySchema, uploadId } from './file-schemas';

// Several laptops on one incident (electron/sync/README.md). Spread into `contract` in contract.ts.
// No method takes an actor or a key from the page: the main process knows them. The one address
// the page names is where to listen, and the main process takes it only if this machine has it.

const cordonId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a Cordon id');
const deviceId = z.string().regex(/^[0-9a-f]{64}$/, 'must be a device key');
const noInput = z.object({}).strict();

export const syncStatusSchema = z.object({
  on: z.boolean(),
  deviceId: deviceId.nullable(),
  deviceName: z.string().nullable(),
  /** Where this laptop listens while sync is on (shown so a person can check the invite's address). */
  address: z.string().nullable(),
  join: z.object({
    state: z.enum(['idle', 'waiting', 'admitted', 'refused']),
    fingerprint: z.string().nullable(),
    incidentId: z.string().nullable(),
    message: z.string().nullable(),
    /**
     * After admission, until the incident's declaration is here: who it comes from, how many of
     * the other laptops' events have arrived, whether the incident exists on this laptop yet,
     * and whether the link to the commander's laptop is down (dropped, or not made in a few seconds).
     */
    arrival: z.object({ from: z.string().nullable(), received: z.number().int(), ready: z.boolean(), linkDown: z.boolean() }).nullable(),
  }),
  pending: z.array(z.object({ joinId: z.string(), incidentId: z.string(), deviceId, name: z.string(), fingerprint: z.string() })),
  refusals: z.array(z.object({ incidentId: z.string(), deviceName: z.string(), message: z.string() })),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncAddressesSchema = z.object({
  /** Where sync listens (when on) and what invites carry. */
  chosen: z.string(),
  /** Set when the address kept for sync is not on this laptop now: 127.0.0.1 is used, this says so. */
  problem: z.string().nullable(),
  /** 127.0.0.1 first, then each network interface's IPv4 address. */
  choices: z.array(z.object({ address: z.string(), label: z.string() })),
});

export const syncMemberSchema = z.object({
  deviceId,
  name: z.string(),
  status: z.enum(['admitted', 'removed', 'refused']),
  commander: z.boolean(),
  thisLaptop: z.boolean(),
  events: z.number().int(),
  chainOk: z.boolean(),
  problem: z.string().nullable(),
});

export const syncIncidentSchema = z.object({
  shared: z.boolean(),
  commandedHere: z.boolean(),
  members: z.array(syncMemberSchema),
});

export const syncTimelineEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(eventKinds),
  actor: z.string(),
  device: z.string(),
  deviceName: z.string(),
  thisLaptop: z.boolean(),
  seq: z.number().int(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
  late: z.boolean(),
  skewed: z.boolean(),
});

export const syncTimelineSchema = z.object({
  entries: z.array(syncTimelineEntrySchema),
  conflicts: z.array(z.object({ fact: z.string(), rule: z.enum(['latest_severity_wins', 'later_tick_wins', 'commander_handoff']), winner: z.string(), losers: z.array(z.string()) })),
});

export const syncContract = {
  syncStatus: { input: noInput, output: syncStatusSchema },
  /** Starts listening (on the address chosen in syncSetAddress, 127.0.0.1 by default); nothing listens before. */
  syncStart: { input: noInput, output: syncStatusSchema },
  /** The addresses sync may listen on: this laptop only, or one of its network interfaces. */
  syncAddresses: { input: noInput, output: syncAddressesSchema },
  /** Keeps where sync listens; only 127.0.0.1 or an address this machine has now. Moves the listener if sync is on. */
  syncSetAddress: { input: z.object({ address: ipv4Schema }).strict(), output: syncAddressesSchema },
  /** Closes every connection and the listener. */
  syncStop: { input: noInput, output: syncStatusSchema },
  /** Shares an incident this laptop holds (it becomes its commander) and makes a one-time invite. */
  syncInvite: {
    input: z.object({ incidentId: cordonId, minutes: z.number().int().min(1).max(60).default(10) }).strict(),
    output: z.object({ code: z.string(), expiresAt: z.string() }),
  },
  /** Presents an invite code; the status then shows the fingerprint to compare and, later, the answer. */
  syncJoin: { input: z.object({ code: z.string().max(200) }).strict(), output: syncStatusSchema },
  syncAdmit: { input: z.object({ joinId: z.string().regex(/^[0-9a-f]{16}$/) }).strict(), output: syncStatusSchema },
  syncRefuse: { input: z.object({ joinId: z.string().regex(/^[0-9a-f]{16}$/) }).strict(), output: syncStatusSchema },
  syncRemove: { input: z.object({ incidentId: cordonId, deviceId }).strict(), output: syncIncidentSchema },
  syncIncident: { input: z.object({ incidentId: cordonId }).strict(), output: syncIncidentSchema },
  /** Every device's events, ordered by occurredAt, device, sequence, with arrival marks and conflicts. */
  syncTimeline: { input: z.object({ incidentId: cordonId }).strict(), output: syncTimelineSchema },
  /** An encrypted exchange file of what this laptop holds of the incident, for another member laptop. */
  syncExport: { input: z.object({ incidentId: cordonId }).strict(), output: deliverySchema },
  syncImport: {
    input: z.object({ uploadId }).strict(),
    output: z.object({ incidentId: z.string(), added: z.number().int(), refused: z.array(z.string()) }),
  },
} as const;

export type SyncMethodName = keyof typeof syncContract;
