import type { Stamped } from './actor';
import { CordonError } from '../../shared/ipc/result';
import type { ExportResult, PostmortemView } from '../../shared/ipc/postmortem-contract';
import type { ParsedInput } from '../../shared/ipc/contract';
import type { EventBody } from '../../shared/events/payloads';
import { actionItemsFrom, type ActionItem } from '../../shared/postmortem/action-items';
import type { EventKind } from '../../shared/events/kinds';
import { defaultTemplateKey, templateChoices } from '../../shared/postmortem/draft';
import { postmortemHtml } from '../../shared/postmortem/html';
import { exportMarkdown } from '../../shared/postmortem/markdown';
import { revisionsOf } from '../../shared/postmortem/revisions';
import type { PostmortemSource } from '../../shared/postmortem/source';
import { slugify } from '../../shared/playbook/slug';
import { sha256Hex } from '../store/hash';
import type { Store } from '../store/store';
import type { WriteTx } from '../store/store-writer';
import { buildBundle, type BundleEvidence } from './export/bundle';
import { laptopsOf } from './export/laptops';
import type { PdfRenderer } from './export/pdf-renderer';
import { recordExport } from './export/record';
import { documentOf, loadPostmortemSource } from './export/source';
import { custodyDestination, deliveryOf, type FileSink, type Offered } from './files/file-sink';
import { writeDraft } from './postmortem-draft';
import { postmortemBase, postmortemRecord } from './postmortem-record';

export interface PostmortemServiceDeps {
  /** Runs `fn` with the open store (the vault's `use`, or the CLI's store). */
  withStore<T>(fn: (store: Store) => T): T;
  /** Prints HTML to PDF; null where no printer is wired (PDF and bundle exports then say so). */
  pdf: PdfRenderer | null;
  now: () => number;
  /** Where exports go: the main process's save dialog, a browser download, or a folder (CLI, tests). */
  files: FileSink;
  /** Events from which the draft is written in a worker thread (postmortem-draft.ts); tests lower it. */
  draftInWorkerFrom?: number;
}

/** What the document's revisions and action items are read from: their own events, not the whole log. */
const documentKinds: readonly EventKind[] = ['postmortem_saved', 'action_item_created', 'action_item_updated'];

type ExportInput = Stamped<'exportMarkdown'>;

/**
 * The post-mortem: a draft written from the record, revisions saved as postmortem_saved events
 * (a stale base revision is a conflict, never a silent overwrite), its status, its action items
 * (events too), and the exports. Exports are offered through the file sink, so only the main
 * process decides where bytes are written; the HTML for the PDF never touches the disk.
 */
export function createPostmortemService(deps: PostmortemServiceDeps) {
  const vault = { use: deps.withStore };

  const append = (tx: WriteTx, incidentId: string, actor: string, body: EventBody) => tx.append({ incidentId, actor, body }).event;

  // Every admitted laptop's events of those kinds, read once (store.record).
  const documentSource = (store: Store, incidentId: string) => postmortemRecord(store, incidentId, { kinds: documentKinds });

  const view = (source: PostmortemSource): PostmortemView => {
    const revisions = revisionsOf(source.events);
    return {
      incidentId: source.incident.id,
      markdown: revisions.latest?.markdown ?? null,
      revision: revisions.revision,
      status: source.state.postmortem.status,
      revisions: revisions.list,
      actionItems: actionItemsFrom(source.events),
      templates: templateChoices(source.playbook),
    };
  };

  const fileBase = (source: PostmortemSource) => `${slugify(source.incident.title).replace(/[^a-z0-9-]/g, '').slice(0, 50) || 'incident'}-${source.incident.id.slice(0, 8)}`;

  async function pdfOf(source: PostmortemSource, pageSize: 'A4' | 'Letter' = 'A4'): Promise<Uint8Array> {
    if (!deps.pdf) throw new CordonError('unavailable', 'PDF export is not available in this build of Cordon.');
    const printable = postmortemHtml(source, documentOf(source), { pageSize });
    try {
      return await deps.pdf.render(printable.html, { pageSize, headerHtml: printable.headerHtml, footerHtml: printable.footerHtml });
    } catch (error) {
      if (error instanceof CordonError) throw error;
      throw new CordonError('unavailable', 'Cordon could not print the PDF.', { cause: error });
    }
  }

  /**
   * Hands the file to the sink (a save dialog, a download, a folder) and, once it has gone
   * somewhere, records the export on the timeline (document_exported): what left, its hash,
   * where it went and the chain head it carries. A cancelled dialog records nothing.
   */
  async function deliver(input: ExportInput, source: PostmortemSource, data: Uint8Array, fileName: string, mediaType: string): Promise<ExportResult & { offered: Offered }> {
    // The dialog's title says which document it is: the export buttons sit side by side.
    const title = mediaType === 'application/zip' ? 'Save the evidence bundle' : 'Save the post-mortem';
    const offered = await deps.files.offer({ suggestedName: fileName, mediaType, data, title });
    const sha256 = sha256Hex(data);
    if (offered.kind !== 'cancelled') {
      const format = mediaType === 'application/pdf' ? 'pdf' : mediaType === 'application/zip' ? 'zip' : 'markdown';
      vault.use((store) =>
        recordExport(store, source.incident.id, input.actor, {
          document: format === 'zip' ? 'bundle' : 'postmortem',
          format,
          fileName: fileName.slice(0, 200),
          bytes: data.length,
          sha256,
          chainHead: source.incident.headHash,
          revision: documentOf(source).revision,
          destination: custodyDestination(offered),
        }),
      );
    }
    return {
      fileName,
      mediaType,
      bytes: data.length,
      sha256,
      chainHead: source.incident.headHash,
      delivery: deliveryOf(offered),
      offered,
    };
  }

  const withoutOffer = ({ offered: _o, ...result }: ExportResult & { offered: Offered }): ExportResult => result;

  return {
    async draft(input: ParsedInput<'postmortemDraft'>) {
      const template = input.template ?? defaultTemplateKey;
      vault.use((store) => {
        if (!templateChoices(postmortemBase(store, input.incidentId).playbook).some((t) => t.key === template)) {
          throw new CordonError('not_found', `The incident’s playbook has no report template “${template}”.`);
        }
      });
      const markdown = await writeDraft({ withStore: deps.withStore, incidentId: input.incidentId, options: { template, timeline: input.timeline }, workerFrom: deps.draftInWorkerFrom });
      return { markdown, template };
    },

    get: (input: ParsedInput<'postmortemGet'>): PostmortemView => vault.use((store) => view(documentSource(store, input.incidentId))),

    save(input: Stamped<'postmortemSave'>) {
      return vault.use((store) =>
        store.write((tx) => {
          // One transaction from the read to the append: no other save can land in between.
          const current = revisionsOf(documentSource(store, input.incidentId).events).revision;
          if (input.baseRevision !== current) {
            throw new CordonError(
              'conflict',
              `Revision ${current} was saved since you started editing revision ${input.baseRevision}. Reload to see it; your text is still in the editor.`,
            );
          }
          const revision = current + 1;
          const event = append(tx, input.incidentId, input.actor, { kind: 'postmortem_saved', payload: { revision, markdown: input.markdown } });
          return { revision, eventId: event.id, savedAt: event.recordedAt };
        }).value,
      );
    },

    revision(input: ParsedInput<'postmortemRevision'>) {
      return vault.use((store) => {
        const found = revisionsOf(documentSource(store, input.incidentId).events).byRevision.get(input.revision);
        if (!found) throw new CordonError('not_found', `There is no revision ${input.revision} of this post-mortem.`);
        if (found.markdown === null) throw new CordonError('not_found', `Revision ${input.revision} was redacted.`);
        return { revision: input.revision, markdown: found.markdown, savedAt: found.info.savedAt, actor: found.info.actor };
      });
    },

    setStatus(input: Stamped<'postmortemSetStatus'>): PostmortemView {
      return vault.use((store) => {
        store.write((tx) => {
          if (store.log.state(input.incidentId).postmortem.status !== input.status) {
            append(tx, input.incidentId, input.actor, { kind: 'postmortem_status', payload: { status: input.status } });
          }
        });
        return view(documentSource(store, input.incidentId));
      });
    },

    saveActionItem(input: Stamped<'actionItemSave'>): ActionItem[] {
      return vault.use((store) => {
        // One user action, one transaction: an item created with a status is both events or neither.
        store.write((tx) => {
          const items = actionItemsFrom(documentSource(store, input.incidentId).events);
          const { incidentId, actor } = input;
          if (input.actionItemId === undefined) {
            const taken = new Set(items.map((i) => i.id));
            let n = items.length + 1;
            while (taken.has(`ai-${n}`)) n++;
            const actionItemId = `ai-${n}`;
            append(tx, incidentId, actor, {
              kind: 'action_item_created',
              payload: {
                actionItemId,
                title: input.title ?? actionItemId,
                ...(input.owner ? { owner: input.owner } : {}),
                ...(input.dueDate ? { dueDate: input.dueDate } : {}),
                ...(input.type ? { type: input.type } : {}),
              },
            });
            if (input.status && input.status !== 'open') {
              append(tx, incidentId, actor, { kind: 'action_item_updated', payload: { actionItemId, status: input.status } });
            }
          } else {
            const item = items.find((i) => i.id === input.actionItemId);
            if (!item) throw new CordonError('not_found', 'There is no such action item in this incident.');
            // Only what changed is recorded, so the timeline reads as what people did.
            const change: Record<string, unknown> = {};
            if (input.title !== undefined && input.title !== item.title) change.title = input.title;
            if (input.owner !== undefined && input.owner !== item.owner) change.owner = input.owner;
            if (input.dueDate !== undefined && input.dueDate !== item.dueDate) change.dueDate = input.dueDate;
            if (input.type !== undefined && input.type !== item.type) change.type = input.type;
            if (input.status !== undefined && input.status !== item.status) change.status = input.status;
            if (Object.keys(change).length > 0) {
              append(tx, incidentId, actor, { kind: 'action_item_updated', payload: { actionItemId: item.id, ...change } } as EventBody);
            }
          }
        });
        return actionItemsFrom(documentSource(store, input.incidentId).events);
      });
    },

    async exportMarkdown(input: ExportInput): Promise<ExportResult> {
      const source = vault.use((store) => loadPostmortemSource(store, input.incidentId));
      const text = exportMarkdown(source, documentOf(source));
      return withoutOffer(await deliver(input, source, new TextEncoder().encode(text), `${fileBase(source)}-postmortem.md`, 'text/markdown'));
    },

    async exportPdf(input: ExportInput): Promise<ExportResult> {
      const source = vault.use((store) => loadPostmortemSource(store, input.incidentId));
      const pdf = await pdfOf(source, input.pageSize);
      return withoutOffer(await deliver(input, source, pdf, `${fileBase(source)}-postmortem.pdf`, 'application/pdf'));
    },

    /**
     * The bundle is built from one reading of the store, written, and only then is each copied
     * evidence file recorded as a custody event (evidence_exported), as evidenceExport does. The
     * bundle's chain head is therefore the head before those custody events.
     */
    async exportBundle(input: ExportInput): Promise<ExportResult> {
      const { source, evidence, laptops } = vault.use((store) => {
        const source = loadPostmortemSource(store, input.incidentId);
        const evidence: (BundleEvidence & { meta: ReturnType<Store['evidence']['read']>['evidence'] })[] = store.evidence
          .list(input.incidentId)
          .map((meta) => ({ id: meta.id, name: meta.name, data: store.evidence.read(meta.id).data, meta }));
        return { source, evidence, laptops: laptopsOf(store, input.incidentId) };
      });
      const pdf = await pdfOf(source, input.pageSize);
      const zip = buildBundle({
        incidentId: source.incident.id,
        title: source.incident.title,
        chainHead: source.incident.headHash,
        events: source.events,
        markdown: exportMarkdown(source, documentOf(source)),
        pdf,
        evidence,
        createdBy: input.actor,
        createdAt: new Date(deps.now()).toISOString(),
        laptops,
      });
      const fileName = `${fileBase(source)}-bundle.zip`;
      const out = await deliver(input, source, zip, fileName, 'application/zip');
      const { offered } = out;
      if (evidence.length > 0 && offered.kind !== 'cancelled') {
        const destination = `${custodyDestination(offered)} (evidence bundle)`;
        vault.use((store) =>
          store.write((tx) => {
            for (const item of evidence) store.evidence.recordExport(tx, item.meta, input.actor, destination.slice(0, 4000));
          }),
        );
      }
      return withoutOffer(out);
    },
  };
}

export type PostmortemService = ReturnType<typeof createPostmortemService>;
