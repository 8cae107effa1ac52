import type { Playbook, SeverityLevel, Sla } from '../../../shared/playbook/model';
import { paramKindSchema, templateKindSchema } from '../../../shared/playbook/model';
import {
  addAction,
  addItem,
  addLevel,
  addPhase,
  addRole,
  addTemplate,
  move,
  moveLevel,
  newParam,
  removeAction,
  removeAt,
  removeLevel,
  removePhase,
  renameParam,
  replaceAt,
  updateItem,
  updateLevel,
  updatePhase,
} from './draft-ops';
import { AddRow, CheckField, ListField, RowTools, Section, SelectField, TextField } from './fields';
import { MatrixEditor } from './MatrixEditor';
import { NumberField } from './fields';

interface EditorProps {
  playbook: Playbook;
  onChange(playbook: Playbook): void;
}

/** Every part of a playbook, editable. Keys stay as they are; new entries get a slug key. */
export function PlaybookEditor({ playbook: p, onChange }: EditorProps) {
  return (
    <div className="pb-editor">
      <TextField path={['title']} label="Title" value={p.title} onChange={(title) => onChange({ ...p, title })} className="pb-title-field" />
      <LevelsEditor playbook={p} onChange={onChange} />
      <MatrixEditor playbook={p} onChange={onChange} />
      <PhasesEditor playbook={p} onChange={onChange} />
      <RolesEditor playbook={p} onChange={onChange} />
      <TemplatesEditor playbook={p} onChange={onChange} />
      <ActionsEditor playbook={p} onChange={onChange} />
    </div>
  );
}

export const levelName = (level: SeverityLevel): string =>
  level.name && !level.label.includes(level.name) ? `${level.label} · ${level.name}` : level.label;

function slaPatch(current: Sla | null, patch: Partial<Sla>): Sla | null {
  const next = { text: current?.text ?? '', minutes: current?.minutes ?? null, ...patch };
  return next.text === '' && next.minutes === null ? null : next;
}

function LevelsEditor({ playbook: p, onChange }: EditorProps) {
  return (
    <Section id="pb-edit-levels" title="Severity levels" count={p.severities.length}>
      {p.severities.length === 0 && <p className="muted small">No levels yet.</p>}
      {p.severities.map((level, i) => {
        const set = (patch: Partial<SeverityLevel>) => onChange(updateLevel(p, i, patch));
        const name = `level ${level.label || i + 1}`;
        return (
          <fieldset key={level.key} className="pb-entry">
            <legend className="pb-legend">
              <span className="pb-rank">{i + 1}</span> {levelName(level) || 'Unnamed level'}
            </legend>
            <RowTools name={name} index={i} count={p.severities.length} onMove={(d) => onChange(moveLevel(p, i, d))} onRemove={() => onChange(removeLevel(p, i))} />
            <p className="pb-key muted small">
              key <code>{level.key}</code>
            </p>
            <div className="pb-grid pb-grid-3">
              <TextField path={['severities', i, 'code']} label="Code" value={level.code} onChange={(code) => set({ code })} />
              <TextField path={['severities', i, 'label']} label="Label" value={level.label} onChange={(label) => set({ label })} />
              <TextField path={['severities', i, 'name']} label="Name" value={level.name} onChange={(value) => set({ name: value })} />
            </div>
            <TextField path={['severities', i, 'description']} label="Description" multiline rows={2} value={level.description} onChange={(description) => set({ description })} />
            <div className="pb-grid pb-grid-sla">
              <TextField
                path={['severities', i, 'responseSla', 'text']}
                label="Response SLA"
                value={level.responseSla?.text ?? ''}
                onChange={(text) => set({ responseSla: slaPatch(level.responseSla, { text }) })}
              />
              <NumberField
                path={['severities', i, 'responseSla', 'minutes']}
                label="Response minutes"
                value={level.responseSla?.minutes ?? null}
                onChange={(minutes) => set({ responseSla: slaPatch(level.responseSla, { minutes }) })}
              />
              <TextField
                path={['severities', i, 'resolutionSla', 'text']}
                label="Resolution SLA"
                value={level.resolutionSla?.text ?? ''}
                onChange={(text) => set({ resolutionSla: slaPatch(level.resolutionSla, { text }) })}
              />
              <NumberField
                path={['severities', i, 'resolutionSla', 'minutes']}
                label="Resolution minutes"
                value={level.resolutionSla?.minutes ?? null}
                onChange={(minutes) => set({ resolutionSla: slaPatch(level.resolutionSla, { minutes }) })}
              />
            </div>
            <ListField path={['severities', i, 'notify']} label="Notify (comma-separated)" value={level.notify} onChange={(notify) => set({ notify })} />
          </fieldset>
        );
      })}
      <AddRow label="New level label, e.g. SEV5" buttonLabel="Add level" onAdd={(label) => onChange(addLevel(p, label))} />
    </Section>
  );
}

function PhasesEditor({ playbook: p, onChange }: EditorProps) {
  const roleNames = p.roles.map((r) => r.name);
  return (
    <Section id="pb-edit-phases" title="Phases" count={p.phases.length}>
      {p.phases.map((phase, i) => {
        const setPhase = (next: typeof phase) => onChange(updatePhase(p, i, next));
        const phaseName = phase.name || `phase ${i + 1}`;
        return (
          <fieldset key={phase.key} className="pb-entry">
            <legend className="pb-legend">
              <span className="pb-rank">{i + 1}</span> {phase.name || 'Unnamed phase'}
            </legend>
            <RowTools
              name={`phase ${phaseName}`}
              index={i}
              count={p.phases.length}
              onMove={(d) => onChange({ ...p, phases: move(p.phases, i, d) })}
              onRemove={() => onChange(removePhase(p, i))}
            />
            <div className="pb-grid pb-grid-2">
              <TextField path={['phases', i, 'name']} label="Name" value={phase.name} onChange={(name) => setPhase({ ...phase, name })} />
              <TextField path={['phases', i, 'goal']} label="Goal" value={phase.goal} onChange={(goal) => setPhase({ ...phase, goal })} />
            </div>
            <ol className="pb-items" aria-label={`${phaseName} checklist`}>
              {phase.items.map((item, j) => {
                const roleOptions = [{ value: '', label: 'No role' }, ...roleNames.map((r) => ({ value: r, label: r }))];
                if (item.role !== null && !roleNames.includes(item.role)) roleOptions.push({ value: item.role, label: item.role });
                const actionOptions = [{ value: '', label: 'No action' }, ...p.actions.map((a) => ({ value: a.key, label: a.name }))];
                const itemName = `${phaseName} item ${j + 1}`;
                return (
                  <li key={item.key} className="pb-item-row">
                    <TextField
                      path={['phases', i, 'items', j, 'text']}
                      label={`${itemName} text`}
                      hideLabel
                      value={item.text}
                      onChange={(text) => setPhase(updateItem(phase, j, { text }))}
                      className="pb-grow"
                    />
                    <SelectField
                      path={['phases', i, 'items', j, 'role']}
                      label={`${itemName} role`}
                      hideLabel
                      value={item.role ?? ''}
                      options={roleOptions}
                      onChange={(role) => setPhase(updateItem(phase, j, { role: role === '' ? null : role }))}
                    />
                    {p.actions.length > 0 && (
                      <SelectField
                        path={['phases', i, 'items', j, 'actionKey']}
                        label={`${itemName} runs action`}
                        hideLabel
                        value={item.actionKey ?? ''}
                        options={actionOptions}
                        onChange={(key) => setPhase(updateItem(phase, j, { actionKey: key === '' ? null : key }))}
                      />
                    )}
                    <RowTools
                      name={itemName}
                      index={j}
                      count={phase.items.length}
                      onMove={(d) => setPhase({ ...phase, items: move(phase.items, j, d) })}
                      onRemove={() => setPhase({ ...phase, items: removeAt(phase.items, j) })}
                    />
                  </li>
                );
              })}
            </ol>
            <AddRow label={`New item in ${phaseName}`} buttonLabel="Add item" onAdd={(text) => setPhase(addItem(phase, text))} />
          </fieldset>
        );
      })}
      <AddRow label="New phase name" buttonLabel="Add phase" onAdd={(name) => onChange(addPhase(p, name))} />
    </Section>
  );
}

function RolesEditor({ playbook: p, onChange }: EditorProps) {
  return (
    <Section id="pb-edit-roles" title="Roles" count={p.roles.length}>
      {p.roles.map((role, i) => (
        <fieldset key={role.key} className="pb-entry">
          <legend className="pb-legend">{role.name || 'Unnamed role'}</legend>
          <RowTools name={`role ${role.name || i + 1}`} index={i} count={p.roles.length} onRemove={() => onChange({ ...p, roles: removeAt(p.roles, i) })} />
          <TextField path={['roles', i, 'name']} label="Name" value={role.name} onChange={(name) => onChange({ ...p, roles: replaceAt(p.roles, i, { ...role, name }) })} />
          <ListField
            path={['roles', i, 'duties']}
            label="Duties (one per line)"
            perLine
            rows={2}
            value={role.duties}
            onChange={(duties) => onChange({ ...p, roles: replaceAt(p.roles, i, { ...role, duties }) })}
          />
        </fieldset>
      ))}
      <AddRow label="New role name" buttonLabel="Add role" onAdd={(name) => onChange(addRole(p, name))} />
    </Section>
  );
}

const templateKinds = templateKindSchema.options.map((k) => ({ value: k, label: k === 'communication' ? 'Communication' : 'Report' }));
const paramKinds = paramKindSchema.options.map((k) => ({ value: k, label: k }));

function TemplatesEditor({ playbook: p, onChange }: EditorProps) {
  return (
    <Section id="pb-edit-templates" title="Templates" count={p.templates.length}>
      {p.templates.map((t, i) => {
        const set = (patch: Partial<typeof t>) => onChange({ ...p, templates: replaceAt(p.templates, i, { ...t, ...patch }) });
        return (
          <fieldset key={t.key} className="pb-entry">
            <legend className="pb-legend">{t.name || 'Unnamed template'}</legend>
            <RowTools name={`template ${t.name || i + 1}`} index={i} count={p.templates.length} onRemove={() => onChange({ ...p, templates: removeAt(p.templates, i) })} />
            <div className="pb-grid pb-grid-2">
              <TextField path={['templates', i, 'name']} label="Name" value={t.name} onChange={(name) => set({ name })} />
              <SelectField
                path={['templates', i, 'kind']}
                label="Kind"
                value={t.kind}
                options={templateKinds}
                onChange={(kind) => set({ kind: templateKindSchema.parse(kind) })}
              />
            </div>
            <TextField path={['templates', i, 'subject']} label="Subject" value={t.subject ?? ''} onChange={(s) => set({ subject: s === '' ? null : s })} />
            <TextField path={['templates', i, 'body']} label="Body" multiline mono rows={6} value={t.body} onChange={(body) => set({ body })} />
          </fieldset>
        );
      })}
      <AddRow label="New template name" buttonLabel="Add template" onAdd={(name) => onChange(addTemplate(p, name))} />
    </Section>
  );
}

function ActionsEditor({ playbook: p, onChange }: EditorProps) {
  return (
    <Section id="pb-edit-actions" title="Actions" count={p.actions.length}>
      {p.actions.map((a, i) => {
        const set = (patch: Partial<typeof a>) => onChange({ ...p, actions: replaceAt(p.actions, i, { ...a, ...patch }) });
        const actionName = a.name || `action ${i + 1}`;
        return (
          <fieldset key={a.key} className="pb-entry">
            <legend className="pb-legend">{a.name || 'Unnamed action'}</legend>
            <RowTools name={`action ${actionName}`} index={i} count={p.actions.length} onRemove={() => onChange(removeAction(p, i))} />
            <TextField path={['actions', i, 'name']} label="Name" value={a.name} onChange={(name) => set({ name })} />
            <TextField path={['actions', i, 'command']} label="Command" multiline mono rows={2} value={a.command} onChange={(command) => set({ command })} />
            <CheckField
              path={['actions', i, 'destructive']}
              label="Destructive: ask for confirmation before running"
              checked={a.destructive}
              onChange={(destructive) => set({ destructive })}
            />
            <div className="pb-params" role="group" aria-label={`${actionName} parameters`}>
              <p className="pb-label">Parameters</p>
              {a.params.length === 0 && <p className="muted small">None.</p>}
              {a.params.map((param, j) => (
                <div key={j} className="pb-param-row">
                  <TextField
                    path={['actions', i, 'params', j, 'name']}
                    label={`Parameter ${j + 1} name`}
                    hideLabel
                    mono
                    value={param.name}
                    onChange={(name) => set({ params: replaceAt(a.params, j, renameParam(param, name)) })}
                    className="pb-grow"
                  />
                  <SelectField
                    path={['actions', i, 'params', j, 'kind']}
                    label={`Parameter ${j + 1} kind`}
                    hideLabel
                    value={param.kind}
                    options={paramKinds}
                    onChange={(kind) => set({ params: replaceAt(a.params, j, { ...param, kind: paramKindSchema.parse(kind) }) })}
                  />
                  <code className="pb-placeholder muted small" title="As written in the command">
                    {param.placeholder}
                  </code>
                  <RowTools name={`parameter ${param.name || j + 1}`} index={j} count={a.params.length} onRemove={() => set({ params: removeAt(a.params, j) })} />
                </div>
              ))}
              <button type="button" className="button pb-small-button" onClick={() => set({ params: [...a.params, newParam(a)] })}>
                Add parameter
              </button>
            </div>
          </fieldset>
        );
      })}
      <AddRow label="New action name" buttonLabel="Add action" onAdd={(name) => onChange(addAction(p, name))} />
    </Section>
  );
}
