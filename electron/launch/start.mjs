#!/usr/bin/env node
// `npm start`: Cordon in Electron, or in the browser where Electron cannot be had (plan.mjs).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from './plan.mjs';
import { systemDeps } from './system.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
process.exitCode = await start(systemDeps(root));
