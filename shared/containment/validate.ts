import type { ActionParam } from './model';

// Pure checks of parameter values against their kinds. Nothing runs until every value passes.
// The checks are deliberately narrow: a value is data for exactly one argv slot (or one
// environment variable), so it never needs shell syntax, and a leading "-" could turn it into
// an option of the program (option smuggling), so that is refused unless the parameter allows it.

// Control characters other than tab (newlines included): built from code points, since a regex
// literal holding them trips the linter's no-control-regex.
const isControl = (code: number): boolean => (code < 0x20 && code !== 0x09) || code === 0x7f;
const hasControlChars = (value: string): boolean => [...value].some((c) => isControl(c.codePointAt(0) ?? 0));

export function isIPv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(p));
}

export function isIPv6(value: string): boolean {
  if (value.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(value)) return false;
  let text = value;
  // An embedded IPv4 tail (::ffff:192.0.2.1) stands for two groups.
  const lastColon = text.lastIndexOf(':');
  if (lastColon < 0) return false;
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return false;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const all = [...groups(halves[0] ?? ''), ...(halves.length === 2 ? groups(halves[1] ?? '') : [])];
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? all.length < 8 : all.length === 8;
}

export const isIP = (value: string): boolean => isIPv4(value) || isIPv6(value);

export function isCidr(value: string): boolean {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!match) return false;
  const [, ip = '', bits = ''] = match;
  const prefix = Number(bits);
  if (isIPv4(ip)) return prefix <= 32 && String(prefix) === bits;
  if (isIPv6(ip)) return prefix <= 128 && String(prefix) === bits;
  return false;
}

export function isHostname(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  return value.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

/** Letters, digits and the punctuation ids use (ARNs, emails, k8s names, versions); no spaces or shell syntax. */
const identifierRe = /^[A-Za-z0-9_.:@/+=,-]{1,256}$/;

function checkKind(param: ActionParam, value: string): string | null {
  switch (param.kind) {
    case 'string':
      return value.length > 1_000 ? 'is longer than 1000 characters' : null;
    case 'identifier':
      return identifierRe.test(value) ? null : 'may hold only letters, digits and . _ : @ / + = , - (no spaces)';
    case 'ip':
      return isIP(value) ? null : 'is not an IP address (like 192.0.2.10 or 2001:db8::1)';
    case 'cidr':
      return isCidr(value) ? null : 'is not a network in CIDR form (like 192.0.2.0/24)';
    case 'hostname':
      return isHostname(value) ? null : 'is not a host name (letters, digits, - and dots, like web-01.example.com)';
    case 'path':
      return value.length > 4_000 ? 'is longer than 4000 characters' : null;
    case 'enum':
      return (param.options ?? []).includes(value) ? null : `must be one of: ${(param.options ?? []).join(', ')}`;
    case 'integer': {
      if (!/^-?\d{1,15}$/.test(value)) return 'is not a whole number';
      if (value.startsWith('-') && !param.signed) return 'must not be negative (a negative number can mean “every process” to kill, or an option to the program); the action’s author can allow negative numbers';
      const n = Number(value);
      if (param.min !== undefined && n < param.min) return `must be at least ${param.min}`;
      if (param.max !== undefined && n > param.max) return `must be at most ${param.max}`;
      return null;
    }
    case 'regex': {
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${param.pattern ?? ''})$`, 'u');
      } catch {
        return 'cannot be checked: the parameter’s pattern is not valid';
      }
      return value.length <= 1_000 && re.test(value) ? null : `does not match the pattern ${param.pattern ?? ''}`;
    }
  }
}

/** Why `value` is not acceptable for `param`, or null when it is. */
export function checkParamValue(param: ActionParam, value: string): string | null {
  if (value === '') return 'is required';
  if (value.includes('\0')) return 'must not contain a NUL character';
  if (hasControlChars(value)) return 'must be one line without control characters';
  if (value !== value.trim()) return 'must not start or end with spaces';
  if (value.startsWith('-') && param.kind !== 'integer' && !param.allowDash) {
    return 'must not start with "-" (it could be read as an option of the program)';
  }
  return checkKind(param, value);
}

export type ParamCheck = { ok: true; values: Record<string, string> } | { ok: false; errors: Record<string, string> };

/** Checks every declared parameter; unknown names are refused too, so nothing unchecked reaches a process. */
export function checkParams(params: readonly ActionParam[], values: Record<string, string>): ParamCheck {
  const errors: Record<string, string> = {};
  const out: Record<string, string> = {};
  for (const param of params) {
    const value = values[param.name] ?? '';
    const problem = checkParamValue(param, value);
    if (problem) errors[param.name] = `${param.label || param.name} ${problem}`;
    else out[param.name] = value;
  }
  for (const name of Object.keys(values)) {
    if (!params.some((p) => p.name === name)) errors[name] = `${name} is not a parameter of this action`;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values: out };
}

/** One sentence for the whole set, for an error Result. */
export const describeParamErrors = (errors: Record<string, string>): string => Object.values(errors).slice(0, 5).join('; ');
