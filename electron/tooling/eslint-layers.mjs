// A small table of which layer may import which, checked on every relative import (the idea
// of VS Code's code-layering rule). Paths are resolved, so '../../shared/ipc' and '../ipc'
// are told apart whatever the depth of the importing file.
import { dirname, relative, resolve, sep } from 'node:path';

// Inside electron/: a layer imports only layers of a lower rank, or itself.
// store < services < ipc | cli < main | harness; electron/main.ts and preload.ts are 'main'.
const electronRank = { store: 0, services: 1, ipc: 2, cli: 2, main: 3, harness: 3 };

/** The layer a repository-relative path belongs to, or null when no rule covers it. */
export function layerOf(path) {
  const parts = path.split(sep).join('/').replace(/\.(ts|tsx|mjs|js)$/, '').split('/');
  if (parts[0] === 'electron' && parts.length >= 2) {
    if (parts.length === 2 && (parts[1] === 'main' || parts[1] === 'preload')) return { side: 'electron', name: 'main' };
    if (parts.length > 2 && parts[1] in electronRank) return { side: 'electron', name: parts[1] };
  }
  if (parts[0] === 'shared' && parts.length > 2) return { side: 'shared', name: parts[1] };
  return null;
}

/** Why `from` may not import `to`, or null when it may. */
export function layerViolation(from, to) {
  if (!from || !to || from.side !== to.side || from.name === to.name) return null;
  if (from.side === 'electron' && electronRank[to.name] >= electronRank[from.name]) {
    return `electron/${from.name} may not import electron/${to.name}: layers go store < services < ipc | cli < main | harness.`;
  }
  if (from.side === 'shared' && to.name === 'ipc') {
    return `shared/${from.name} may not import shared/ipc: domain folders hold their own types; the contract imports them.`;
  }
  return null;
}

export const layersRule = {
  meta: { type: 'problem', schema: [], docs: { description: 'Enforce the layer table of electron/ and shared/.' } },
  create(context) {
    const root = context.cwd;
    const file = relative(root, context.filename);
    const from = layerOf(file);
    if (!from) return {};
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = relative(root, resolve(dirname(context.filename), source.value));
      const reason = layerViolation(from, layerOf(target));
      if (reason) context.report({ node: source, message: reason });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { layers: layersRule } };
