// The playbook model and Markdown importer: the one entry point other layers import.
export * from './model';
export { importPlaybook, type ImportOptions } from './importer';
export { toCliJson, type CliPlaybookJson } from './cli-json';
export { parseSla, parseSlaPair } from './sla';
export { suggestLevel } from './suggest-level';
export { slugify } from './slug';
