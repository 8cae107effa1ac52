import { z } from 'zod';
import { canonicalJson } from '../events/canonical';
import { eventKinds } from '../events/kinds';
import { parsePayload } from '../events/payloads';
import { ipv4Schema, portSchema } from './lan-address';

/**
 * What replicates between laptops: one block of a device's log per event. Events, never state.
 * `hash` is SHA-256 over `recordHashInput` and `sig` the device's ed25519 signature of that hash,
 * so a record can be checked wherever it travels (live over a hypercore, or in an offline file),
 * without trusting the peer or the medium that delivered it.
 */
export const deviceIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a device public key (64 hex digits)');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be an event id');
const isoUtc = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'must be a normalised UTC time');

export const recordVersion = 1;

export const deviceRecordSchema = z
  .object({
    v: z.literal(recordVersion),
    id: uuid,
    incidentId: uuid,
    device: deviceIdSchema,
    /** 1-based position in this device's log for this incident. */
    seq: z.number().int().min(1),
    actor: z.string().min(1).max(100),
    kind: z.enum(eventKinds),
    occurredAt: isoUtc,
    recordedAt: isoUtc,
    payload: z.record(z.string(), z.unknown()),
    /** Causal parents: the last seq seen from each other device when this event was written. */
    parents: z.record(deviceIdSchema, z.number().int().min(1)),
    prevHash: hex64,
    hash: hex64,
    sig: z.string().regex(/^[0-9a-f]{128}$/),
  })
  .strict();
export type DeviceRecord = z.infer<typeof deviceRecordSchema>;
export type UnsignedRecord = Omit<DeviceRecord, 'hash' | 'sig'>;

/** The exact text hashed for a record: canonical JSON of every field but hash and sig. */
export function recordHashInput(record: UnsignedRecord): string {
  const { v, id, incidentId, device, seq, actor, kind, occurredAt, recordedAt, payload, parents, prevHash } = record;
  return canonicalJson({ v, id, incidentId, device, seq, actor, kind, occurredAt, recordedAt, payload, parents, prevHash });
}

/**
 * Checks a record's shape and that its payload is valid for its kind and already in the normal
 * form the schemas produce (what is hashed is what is stored). Returns the reason it is not.
 */
export function recordShapeProblem(value: unknown): { record: DeviceRecord; problem: null } | { record: null; problem: string } {
  const parsed = deviceRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { record: null, problem: `malformed record (${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'})` };
  }
  const payload = parsePayload(parsed.data.kind, parsed.data.payload);
  if (!payload.success) return { record: null, problem: `invalid ${parsed.data.kind} payload` };
  if (canonicalJson(payload.data) !== canonicalJson(parsed.data.payload)) {
    return { record: null, problem: `${parsed.data.kind} payload not in normal form` };
  }
  return { record: parsed.data, problem: null };
}

/** Membership log entries, written only by the incident's commander device. */
export const memberEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('genesis'), incidentId: uuid, commander: deviceIdSchema, name: z.string().min(1).max(100) }).strict(),
  z.object({ type: z.literal('admit'), device: deviceIdSchema, name: z.string().min(1).max(100) }).strict(),
  // Records of the removed device after `cutoff` (its seq when the commander removed it) are refused.
  z.object({ type: z.literal('remove'), device: deviceIdSchema, cutoff: z.number().int().min(0) }).strict(),
  // Where a member's laptop listens (it told the commander, from that address): members dial each other there.
  z.object({ type: z.literal('address'), device: deviceIdSchema, host: ipv4Schema, port: portSchema }).strict(),
]);
export type MemberEntry = z.infer<typeof memberEntrySchema>;

/** A membership log block: the entry and the commander's signature of `memberSignable`. */
export const memberBlockSchema = z.object({ entry: memberEntrySchema, sig: z.string().regex(/^[0-9a-f]{128}$/) }).strict();
export type MemberBlock = z.infer<typeof memberBlockSchema>;

/** What the commander signs for the entry at `index` (so entries cannot be reordered or moved between incidents). */
export const memberSignable = (incidentId: string, index: number, entry: MemberEntry): string => canonicalJson({ incidentId, index, entry });
