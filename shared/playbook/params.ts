import type { ActionParam, ParamKind } from './model';

// Kinds by words in the placeholder name, most specific first: USER_ID is a user, not an id.
const KIND_WORDS: ReadonlyArray<[ParamKind, RegExp]> = [
  ['email', /^(email|e-?mail|mail|mailbox|recipient)$/],
  ['url', /^(url|uri|endpoint|webhook|link|href)$/],
  ['cidr', /^(cidr|subnet|netblock|network|range)$/],
  ['ip', /^(ip|ips|ipv4|ipv6|ipaddr|ipaddress|addr|address)$/],
  ['port', /^(port|ports)$/],
  ['hostname', /^(host|hostname|hosts|node|nodes|server|domain|fqdn|machine|instance|vm|device|endpointhost|workstation|computer)$/],
  ['user', /^(user|users|username|userid|uid|account|login|principal|employee|upn|owner|member|actor|person)$/],
  ['path', /^(path|file|filename|filepath|dir|directory|folder|logfile|log|dest|destination|src|source|output|script)$/],
  ['date', /^(date|time|timestamp|since|until|day|datetime|start|end|when)$/],
  ['number', /^(count|num|number|limit|size|rate|threshold|pid|duration|seconds|secs|minutes|mins|hours|n|max|min|timeout|rps|qps|retries)$/],
  ['text', /^(reason|message|msg|title|description|desc|comment|note|text|summary|subject|body|query)$/],
  ['identifier', /^(id|ids|key|token|name|tag|label|arn|sha|hash|ticket|incident|alert|case|namespace|ns|pod|container|service|bucket|region|cluster|project|tenant|client|session|group|role|policy|app|version|env|environment|secret|credential|instance-id|resource|image|queue|topic|table|database|db|repo|branch|commit|job|task|zone)$/],
];

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

function byWords(ws: readonly string[]): ParamKind | undefined {
  const joined = ws.join('');
  for (const [kind, re] of KIND_WORDS) if (re.test(joined)) return kind;
  for (const [kind, re] of KIND_WORDS) if (ws.some((w) => re.test(w))) return kind;
  return undefined;
}

/** Guesses what a placeholder holds from its name, then from the flag or text before it. */
export function guessKind(name: string, before = ''): ParamKind {
  const own = byWords(words(name));
  if (own && own !== 'identifier' && own !== 'text') return own;
  const flag = /(?:--?([A-Za-z][\w-]*)[= ]\s*["']?|([A-Za-z]+)[:=]\s*["']?)$/.exec(before);
  const fromFlag = flag ? byWords(words(flag[1] ?? flag[2] ?? '')) : undefined;
  if (fromFlag && fromFlag !== 'identifier' && fromFlag !== 'text') return fromFlag;
  if (/:\/\/$/.test(before)) return 'hostname';
  if (/@$/.test(before)) return 'hostname';
  return own ?? fromFlag ?? 'identifier';
}

const SHELL_SPECIAL = new Set(['HOME', 'PATH', 'USER', 'PWD', 'OLDPWD', 'SHELL', 'HOSTNAME', 'TMPDIR', 'RANDOM', 'LINENO', 'IFS', 'UID', 'EUID', 'BASH_SOURCE', 'SECONDS', 'REPLY', 'PPID', 'TERM', 'LANG']);

/** Names a shell block defines itself (assignments, loop and read variables): not inputs. */
function definedVars(command: string): Set<string> {
  const out = new Set<string>();
  for (const m of command.matchAll(/(?:^|[\s;(&|])(?:export\s+|local\s+|declare\s+(?:-\w+\s+)?|readonly\s+)?([A-Za-z_]\w*)\+?=/g)) out.add(m[1] ?? '');
  for (const m of command.matchAll(/\bfor\s+([A-Za-z_]\w*)\s+in\b/g)) out.add(m[1] ?? '');
  for (const m of command.matchAll(/\bread\s+((?:-\w+\s+)*)([A-Za-z_][\w\s]*)/g)) for (const v of (m[2] ?? '').trim().split(/\s+/)) out.add(v);
  for (const m of command.matchAll(/\$\{?([A-Za-z_]\w*)/g)) if (SHELL_SPECIAL.has(m[1] ?? '')) out.add(m[1] ?? '');
  return out;
}

const PATTERNS: ReadonlyArray<RegExp> = [
  /(?<![<\w])<([A-Za-z][\w.-]*(?: [\w.-]+)*)>(?!>)/g,
  /\$\{([A-Za-z_]\w*)(?:[:?=+-][^}]*)?\}/g,
  /\$([A-Za-z_]\w*)/g,
  /\{\{\s*\.?([A-Za-z_][\w.-]*)\s*\}\}/g,
  /(?<![[\w$])\[([A-Za-z][A-Za-z0-9 _./-]*[A-Za-z0-9])\](?![[(:\]])/g,
];

function isCharClass(inner: string): boolean {
  return /^([A-Za-z0-9]-[A-Za-z0-9])+$/.test(inner) || /^:[a-z]+:$/.test(inner);
}

/** Placeholders in a command, in order of first appearance, each once. */
export function findParams(command: string, shellLike: boolean): ActionParam[] {
  const defined = shellLike ? definedVars(command) : new Set<string>();
  const found: { at: number; p: ActionParam }[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const line of command.split('\n')) {
    if (/^\s*(#|\/\/|--\s|REM\b)/.test(line)) {
      offset += line.length + 1;
      continue;
    }
    PATTERNS.forEach((re, pi) => {
      for (const m of line.matchAll(re)) {
        const name = (m[1] ?? '').trim();
        if (name === '' || isCharClass(name)) continue;
        if ((pi === 1 || pi === 2) && (defined.has(name) || /^\d/.test(name))) continue;
        const id = name.toLowerCase();
        if (seen.has(id)) continue;
        seen.add(id);
        const at = m.index;
        found.push({ at: offset + at, p: { name, kind: guessKind(name, line.slice(0, at)), placeholder: m[0] } });
      }
    });
    offset += line.length + 1;
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.p);
}
