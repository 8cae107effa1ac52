import { resolve } from 'node:path';
import { migrationsWithDevices } from '../../store/migrations/with-devices';
import { usageError, type CliCommand } from '../command';
import { CordonError } from '../../../shared/ipc/result';
import { unwrapWithPassphrase } from '../../store/key-envelope';
import { openStore, type Store } from '../../store/store';
import { StoreError } from '../../store/store-error';
import { createPostmortemService } from '../../services/postmortem';
import { createExactPathSink } from '../../services/files/file-sink';
import { createPushBus } from '../../services/push-bus';
import { createChromiumPdfRenderer } from '../../services/export/chromium-pdf';
import { askPassphrase, PromptError, readEnvelopeFor } from './verify';

const help = `Usage: cordon export --db FILE --incident ID --format md|pdf|bundle --out PATH
                     [--page-size A4|Letter] [--actor NAME]

Exports an incident's post-mortem (its latest saved revision, or a draft from the record when
none was saved) as Markdown or PDF, or an evidence bundle: a zip of the events, the
post-mortem in both formats, the evidence files and a manifest of SHA-256 hashes that
"cordon verify-bundle" checks. Every export is recorded on the incident's timeline
(document_exported: file name, SHA-256, chain head), and a bundle also records a custody event
(evidence_exported) for each evidence file it holds, in the name of --actor (default:
"CLI (<user>)").

The PDF is printed by Chromium: CHROMIUM_PATH, else Playwright's, else the system's chromium or Chrome.
The passphrase is read from CORDON_PASSPHRASE, or asked for on the terminal.
Close Cordon first: a store open in the app is locked against other processes.

PATH must not exist yet: an existing file is never overwritten.

Exit codes: 0 written; 1 the export failed (no such incident, PATH exists or cannot be written, no Chromium);
            2 bad arguments or the store could not be opened.
`;

const formats = ['md', 'pdf', 'bundle'] as const;
type Format = (typeof formats)[number];

interface Args {
  db: string;
  incident: string;
  format: Format;
  out: string;
  pageSize: 'A4' | 'Letter';
  actor: string | null;
}

export const exportCommand: CliCommand = {
  path: ['export'],
  summary: 'Export a post-mortem as Markdown or PDF, or an evidence bundle',
  help,
  async run(args, io) {
    const parsed = parseArgs(args);
    if ('error' in parsed) return usageError(io, 'export', parsed.error);
    let store: Store | null = null;
    let key: Buffer | null = null;
    const pdf = parsed.format === 'md' ? null : createChromiumPdfRenderer();
    try {
      try {
        const envelope = readEnvelopeFor(parsed.db);
        key = await unwrapWithPassphrase(envelope, await askPassphrase(io));
        store = openStore(parsed.db, key, { noMigrate: true, migrations: migrationsWithDevices });
      } catch (error) {
        if (error instanceof StoreError || error instanceof PromptError) {
          io.stderr(`cordon export: ${error.message}\n`);
          return 2;
        }
        throw error;
      }
      const open = store;
      const outPath = resolve(parsed.out);
      const files = createExactPathSink(outPath);
      const service = createPostmortemService({ withStore: (fn) => fn(open), bus: createPushBus(), pdf, now: Date.now, files });
      const input = {
        incidentId: parsed.incident,
        actor: parsed.actor ?? `CLI (${io.env.USER ?? io.env.USERNAME ?? 'unknown user'})`,
        pageSize: parsed.pageSize,
      };
      const out =
        parsed.format === 'md' ? await service.exportMarkdown(input) : parsed.format === 'pdf' ? await service.exportPdf(input) : await service.exportBundle(input);
      io.stdout(`Wrote ${outPath}  ${out.bytes} bytes  sha256 ${out.sha256}  chain head ${out.chainHead}\n`);
      return 0;
    } catch (error) {
      if (error instanceof CordonError) {
        io.stderr(`cordon export: ${error.message}\n`);
        return 1;
      }
      io.stderr(`cordon export: the export failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).\n`);
      return 1;
    } finally {
      store?.close();
      key?.fill(0);
      await pdf?.close();
    }
  },
};

function parseArgs(args: readonly string[]): Args | { error: string } {
  const values: Record<string, string> = {};
  const names = ['--db', '--incident', '--format', '--out', '--page-size', '--actor'];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!names.includes(name)) return { error: `unexpected argument ${JSON.stringify(arg)}` };
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') return { error: `${name} needs a value` };
    values[name] = value;
  }
  for (const required of ['--db', '--incident', '--format', '--out']) {
    if (!values[required]) return { error: `missing ${required}` };
  }
  const format = values['--format'] as Format;
  if (!formats.includes(format)) return { error: `--format must be md, pdf or bundle, not ${JSON.stringify(format)}` };
  const pageSize = values['--page-size'] ?? 'A4';
  if (pageSize !== 'A4' && pageSize !== 'Letter') return { error: '--page-size must be A4 or Letter' };
  const incident = values['--incident'] ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(incident)) return { error: `--incident must be an incident id, not ${JSON.stringify(incident)}` };
  return { db: values['--db'] ?? '', incident, format, out: values['--out'] ?? '', pageSize, actor: values['--actor'] ?? null };
}
