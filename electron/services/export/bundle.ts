import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { canonicalJson, chainVersion, genesisHash } from '../../../shared/events/canonical';
import type { EventView } from '../../../shared/ipc/store-schemas';
import { parseFrontMatter } from '../../../shared/postmortem/markdown';
import { eventHash, sha256Hex } from '../../store/hash';
import { checkLaptops, devicesFile, devicesJson, timelineFile, timelineJson, type BundleLaptops } from './laptops';

// The evidence bundle: one zip a reader can check without Cordon's store.
//   manifest.json    format, incident id, chain head, event count, created-by/at, and every
//                    other file's path, size and SHA-256
//   events.json      every event of the incident as stored (envelope, payload, prevHash, hash),
//                    pretty-printed; a redacted event keeps its envelope and hashes but not its
//                    payload (its link is checked, its own hash cannot be recomputed)
//   devices.json, timeline.json   a shared incident only: the other laptops' signed logs, and
//                    every laptop's events in the one timeline order (laptops.ts)
//   postmortem.md    the Markdown export (its front matter names the same chain head)
//   postmortem.pdf   the PDF export
//   evidence/<name>  each evidence file, bytes as stored (checked against their recorded hash)
//   manifest.seal.json  the manifest covered as a whole: its SHA-256, bound to the chain head,
//                    with the title, creator and time it held, so an edit to any of them is
//                    named. It catches an edited manifest; a forger who rewrites the seal too
//                    is caught only by comparing the chain head with the store's or a report's.
// `cordon verify-bundle` recomputes all of it (verifyBundle below).

export const bundleFormat = 'cordon-evidence-bundle';
export const bundleVersion = 1;
export const sealFile = 'manifest.seal.json';

const sealSchema = z.object({
  format: z.literal('cordon-bundle-seal'),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  chainHead: z.string().regex(/^[0-9a-f]{64}$/),
  /** SHA-256 over "cordon.bundle-seal/1", the chain head and the manifest's hash: the manifest bound to the chain. */
  binding: z.string().regex(/^[0-9a-f]{64}$/),
  title: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
type Seal = z.infer<typeof sealSchema>;

const bindingOf = (chainHead: string, manifestSha256: string) => sha256Hex(new TextEncoder().encode(`cordon.bundle-seal/1\0${chainHead}\0${manifestSha256}`));

const fileEntrySchema = z.object({ path: z.string(), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export const manifestSchema = z.object({
  format: z.literal(bundleFormat),
  version: z.literal(bundleVersion),
  incidentId: z.string(),
  title: z.string(),
  chainVersion: z.number().int(),
  chainHead: z.string().regex(/^[0-9a-f]{64}$/),
  eventCount: z.number().int().nonnegative(),
  createdBy: z.string(),
  createdAt: z.string(),
  files: z.array(fileEntrySchema),
});
export type BundleManifest = z.infer<typeof manifestSchema>;

const bundledEventSchema = z.object({
  n: z.number().int(),
  id: z.string(),
  incidentId: z.string(),
  kind: z.string(),
  actor: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  payload: z.record(z.string(), z.unknown()).nullable(),
  redacted: z.boolean().optional(),
  prevHash: z.string(),
  hash: z.string(),
});
const eventsFileSchema = z.object({ incidentId: z.string(), chainVersion: z.number().int(), events: z.array(bundledEventSchema) });

export interface BundleEvidence {
  id: string;
  name: string;
  data: Uint8Array;
}

export interface BundleInput {
  incidentId: string;
  title: string;
  chainHead: string;
  events: readonly EventView[];
  markdown: string;
  pdf: Uint8Array;
  evidence: readonly BundleEvidence[];
  createdBy: string;
  createdAt: string;
  /** A shared incident: the other laptops' logs and the one timeline (laptopsOf). */
  laptops?: BundleLaptops | null;
}

/** The stored events as the bundle carries them; redacted payloads left out. */
export function eventsJson(incidentId: string, events: readonly EventView[]): string {
  const rows = events.map((e) => ({
    n: e.n,
    id: e.id,
    incidentId: e.incidentId,
    kind: e.kind,
    actor: e.actor,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    payload: e.redactedBy === null ? e.payload : null,
    ...(e.redactedBy === null ? {} : { redacted: true }),
    prevHash: e.prevHash,
    hash: e.hash,
  }));
  return `${JSON.stringify({ incidentId, chainVersion, events: rows }, null, 2)}\n`;
}

/** A name that stays inside evidence/ when unzipped, unique within the bundle. */
function evidencePath(item: BundleEvidence, taken: Set<string>): string {
  let name = item.name.replace(/[\\/\0]/g, '_').replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  if (name === '') name = item.id;
  let path = `evidence/${name}`;
  if (taken.has(path)) path = `evidence/${item.id.slice(0, 8)}-${name}`;
  taken.add(path);
  return path;
}

export function buildBundle(input: BundleInput): Uint8Array {
  const files = new Map<string, Uint8Array>();
  files.set('events.json', strToU8(eventsJson(input.incidentId, input.events)));
  if (input.laptops) {
    files.set(devicesFile, strToU8(devicesJson(input.incidentId, input.laptops.laptops)));
    files.set(timelineFile, strToU8(timelineJson(input.incidentId, input.laptops.timeline)));
  }
  files.set('postmortem.md', strToU8(input.markdown));
  files.set('postmortem.pdf', input.pdf);
  const taken = new Set<string>();
  for (const item of input.evidence) files.set(evidencePath(item, taken), item.data);
  const manifest: BundleManifest = {
    format: bundleFormat,
    version: bundleVersion,
    incidentId: input.incidentId,
    title: input.title,
    chainVersion,
    chainHead: input.chainHead,
    eventCount: input.events.length,
    createdBy: input.createdBy,
    createdAt: input.createdAt,
    files: [...files.entries()].map(([path, data]) => ({ path, size: data.length, sha256: sha256Hex(data) })),
  };
  const mtime = new Date(input.createdAt);
  const manifestBytes = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  const manifestSha256 = sha256Hex(manifestBytes);
  const seal: Seal = {
    format: 'cordon-bundle-seal',
    manifestSha256,
    chainHead: input.chainHead,
    binding: bindingOf(input.chainHead, manifestSha256),
    title: manifest.title,
    createdBy: manifest.createdBy,
    createdAt: manifest.createdAt,
  };
  const zippable: Zippable = {
    'manifest.json': [manifestBytes, { mtime }],
    [sealFile]: [strToU8(`${JSON.stringify(seal, null, 2)}\n`), { mtime }],
  };
  for (const [path, data] of files) zippable[path] = [data, { mtime, level: path.endsWith('.pdf') ? 0 : 6 }];
  return zipSync(zippable);
}

export interface BundleVerdict {
  ok: boolean;
  incidentId: string | null;
  chainHead: string | null;
  /** One line per file checked: "OK path" or what is wrong with it. */
  checked: string[];
  /** Everything that does not match, each naming the file or event. */
  problems: string[];
}

/** Checks a bundle as a stranger would: every file's hash, then the event chain against the manifest's head. */
export function verifyBundle(zip: Uint8Array): BundleVerdict {
  const verdict: BundleVerdict = { ok: false, incidentId: null, chainHead: null, checked: [], problems: [] };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    verdict.problems.push('the file is not a readable zip archive');
    return verdict;
  }
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) {
    verdict.problems.push('manifest.json is missing');
    return verdict;
  }
  let manifest: BundleManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(strFromU8(manifestBytes)));
  } catch {
    verdict.problems.push('manifest.json is not a Cordon bundle manifest');
    return verdict;
  }
  verdict.incidentId = manifest.incidentId;
  verdict.chainHead = manifest.chainHead;
  checkSeal(entries[sealFile], manifestBytes, manifest, verdict);
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const data = entries[file.path];
    if (!data) {
      verdict.problems.push(`${file.path}: listed in the manifest but missing from the bundle`);
    } else if (data.length !== file.size || sha256Hex(data) !== file.sha256) {
      verdict.problems.push(`${file.path}: its SHA-256 ${data.length !== file.size ? 'and size do' : 'does'} not match the manifest (the file was changed)`);
    } else {
      verdict.checked.push(`OK  ${file.path}  ${file.size} bytes  sha256 ${file.sha256}`);
    }
  }
  for (const path of Object.keys(entries)) {
    if (path !== 'manifest.json' && path !== sealFile && !listed.has(path) && !path.endsWith('/')) verdict.problems.push(`${path}: in the bundle but not listed in the manifest`);
  }
  const localIds = checkChain(entries['events.json'], manifest, verdict);
  checkLaptops(entries, manifest.incidentId, localIds, verdict);
  const md = entries['postmortem.md'];
  if (md) {
    const fm = parseFrontMatter(strFromU8(md));
    if (fm && fm.chain_head !== manifest.chainHead) verdict.problems.push('postmortem.md: its front matter names a different chain head than the manifest');
    if (fm && fm.incident_id !== manifest.incidentId) verdict.problems.push('postmortem.md: its front matter names a different incident than the manifest');
  }
  verdict.ok = verdict.problems.length === 0;
  return verdict;
}

/** The manifest as a whole: its hash and binding against the seal, naming any field that was edited. */
function checkSeal(bytes: Uint8Array | undefined, manifestBytes: Uint8Array, manifest: BundleManifest, verdict: BundleVerdict): void {
  if (!bytes) {
    verdict.problems.push(`${sealFile} is missing: the manifest's title, creator and time are covered by no hash`);
    return;
  }
  let seal: Seal;
  try {
    seal = sealSchema.parse(JSON.parse(strFromU8(bytes)));
  } catch {
    verdict.problems.push(`${sealFile}: not a Cordon manifest seal`);
    return;
  }
  const edited: string[] = [];
  if (seal.title !== manifest.title) edited.push(`its title (sealed as ${JSON.stringify(seal.title)}, now ${JSON.stringify(manifest.title)})`);
  if (seal.createdBy !== manifest.createdBy) edited.push(`its creator (sealed as ${JSON.stringify(seal.createdBy)}, now ${JSON.stringify(manifest.createdBy)})`);
  if (seal.createdAt !== manifest.createdAt) edited.push(`its time (sealed as ${seal.createdAt}, now ${manifest.createdAt})`);
  if (seal.chainHead !== manifest.chainHead) edited.push('its chain head');
  const hash = sha256Hex(manifestBytes);
  if (edited.length > 0) {
    verdict.problems.push(`manifest.json: edited after export: ${edited.join(', ')}`);
  } else if (hash !== seal.manifestSha256) {
    verdict.problems.push(`manifest.json: edited after export (its SHA-256 does not match ${sealFile})`);
  } else if (seal.binding !== bindingOf(seal.chainHead, seal.manifestSha256)) {
    verdict.problems.push(`${sealFile}: its binding to the chain head does not recompute (the seal was edited)`);
  } else {
    verdict.checked.push(`OK  manifest.json  sealed with the chain head  sha256 ${hash}`);
  }
}

/** Checks events.json; returns its event ids, or null when it cannot be read. */
function checkChain(bytes: Uint8Array | undefined, manifest: BundleManifest, verdict: BundleVerdict): string[] | null {
  if (!bytes) {
    verdict.problems.push('events.json is missing, so the chain cannot be checked');
    return null;
  }
  let parsed: z.infer<typeof eventsFileSchema>;
  try {
    parsed = eventsFileSchema.parse(JSON.parse(strFromU8(bytes)));
  } catch {
    verdict.problems.push('events.json: not a list of Cordon events');
    return null;
  }
  if (parsed.incidentId !== manifest.incidentId) verdict.problems.push('events.json: holds a different incident than the manifest names');
  if (parsed.chainVersion !== chainVersion) {
    verdict.problems.push(`events.json: chain version ${parsed.chainVersion} is not one this Cordon can check`);
    return null;
  }
  const ids = parsed.events.map((e) => e.id);
  let prev = genesisHash;
  let redacted = 0;
  for (const [i, e] of parsed.events.entries()) {
    const where = `events.json: event #${e.n} (${e.id}, ${e.kind})`;
    if (e.n !== i + 1) {
      verdict.problems.push(`${where}: is at position ${i + 1}; an event is missing or out of order`);
      return ids;
    }
    if (e.prevHash !== prev) {
      verdict.problems.push(`${where}: does not link to the event before it`);
      return ids;
    }
    if (e.incidentId !== parsed.incidentId) {
      verdict.problems.push(`${where}: belongs to another incident`);
      return ids;
    }
    if (e.payload === null) {
      redacted++;
    } else {
      let payloadText: string;
      try {
        payloadText = canonicalJson(e.payload);
      } catch {
        verdict.problems.push(`${where}: its payload cannot be encoded canonically`);
        return ids;
      }
      const { payload: _p, redacted: _r, hash, ...fields } = e;
      if (eventHash(fields, payloadText) !== hash) {
        verdict.problems.push(`${where}: was changed after it was written (its hash does not match its content)`);
        return ids;
      }
    }
    prev = e.hash;
  }
  const head = parsed.events.at(-1)?.hash ?? null;
  if (parsed.events.length !== manifest.eventCount) {
    verdict.problems.push(`events.json: holds ${parsed.events.length} events, the manifest says ${manifest.eventCount}`);
  } else if (head !== manifest.chainHead) {
    verdict.problems.push('events.json: the chain does not end at the manifest’s chain head');
  } else {
    verdict.checked.push(`OK  chain of ${parsed.events.length} events ends at ${head}${redacted ? ` (${redacted} redacted: linked, content not shown)` : ''}`);
  }
  return ids;
}
