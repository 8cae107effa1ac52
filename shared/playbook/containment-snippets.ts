import type { Code, Nodes, RootContent } from './mdast';
import type { ImportContext } from './context';
import { firstComment } from './items';
import { labelOf, lineOf, paragraphLines, squash, stripMarks } from './markdown';
import type { Action } from './model';
import { findParams } from './params';
import type { Section } from './sections';
import { KeyAllocator } from './slug';

const SHELL_LANGS = /^(bash|sh|shell|zsh|ksh|fish|console|terminal|shell-session|shellsession|sh-session|powershell|pwsh|ps1?|cmd|bat|batch|dos|cli|command|commands|kubectl|bash-session|azurecli|azure-cli|azcli|azurepowershell)$/i;
// Languages whose blocks often show a session (commands and what they printed).
const SESSION_LANGS = /^(console|terminal|shell-session|shellsession|sh-session|bash-session)$/i;
const NOT_SHELL_LANGS = /^(ya?ml|json|jsonc|sql|rust|rs|python|py|js|javascript|ts|typescript|go|java|c|cpp|csharp|cs|ruby|rb|php|markdown|md|text|txt|plaintext|plain|html|xml|toml|ini|csv|diff|mermaid|promql|logql|hcl|terraform|dockerfile|nginx|conf|config|log|output|email|http|https|graphql|kql|kusto|spl|lucene|regex|searchfilter|text|log|logs|csv|tsv|ascii|asciiart|diagram|plantuml|dot)$/i;
// A line a program printed rather than one someone typed: log lines, tables of output.
const OUTPUT_LINE = /^\s*(\d+\s+\S+\.\w+:\d+\]|\d{4}-\d\d-\d\d|[IWEF]\d{4}\s|\[|\{|<\?xml|[A-Z_]{2,}(\s{2,}[A-Z_-]+){1,}\s*$|\d+\s)/;
// What a web page's copy button leaves behind when a block is pasted from it.
const COPY_ARTEFACT = /^\s*(copy ?edit|copy code|copy to clipboard|copy|edit)\s*$/i;
const COMMANDS = /^(\$\s|#\s*!|sudo|kubectl|k9s|helm|curl|wget|aws|gcloud|gsutil|az|docker|podman|systemctl|service|journalctl|ssh|scp|rsync|grep|egrep|rg|find|\.{0,2}\/|~\/|python3?|node|npm|npx|bash|sh|git|iptables|nft|ufw|firewall-cmd|psql|mysql|mongo\w*|redis-cli|kill|pkill|killall|rm|mv|cp|ls|cat|tail|head|less|openssl|vault|consul|terraform|nmap|netstat|ss|lsof|ps|top|htop|df|du|free|chmod|chown|usermod|userdel|passwd|chage|gpasswd|set-|get-|stop-|start-|disable-|enable-|remove-|new-|invoke-|revoke-|make|cargo|go|dig|nslookup|host|ping|traceroute|tcpdump|tar|gzip|zip|sha256sum|md5sum|shasum|gpg|export|unset|echo|printf|jq|awk|sed|xargs|crontab|at|shutdown|reboot|ip|ifconfig|route|hostnamectl|timedatectl|mount|umount|dd|fdisk|lsblk|blkid|auditctl|ausearch|last|lastlog|who|w|id|whoami|history|env|stat|file|strings|volatility|vol\.py|yara|clamscan|osqueryi|velociraptor|wmic|net|netsh|reg|schtasks|sc|tasklist|taskkill|certutil|klist|nltest|dsquery|ldapsearch|kinit|okta|gh|glab|argocd|flux|istioctl|oc|eksctl|kubectx|stern|turso|sqlite3|supabase|heroku|fly|vercel|doctl|ansible|ansible-playbook|salt|puppet|chef|cc|incident|pd|pagerduty)\b/i;
const DESTRUCTIVE = /\b(rm\s|rmdir|delete|drop\s|truncate|kill|pkill|killall|taskkill|shutdown|poweroff|halt|reboot|stop\b|disable|deny|block|revoke|terminate|destroy|wipe|cordon|drain|suspend|lock\b|quarantine|isolate|userdel|deluser|passwd\s+-l|usermod\s+-L|--grace-period=0|restore|rollback|reset|shred|dd\s+if=|mkfs|iptables\s+-[AI]|nft\s+add|Remove-|Stop-|Disable-|Revoke-)/i;

/** Is this fenced block a command someone would run, rather than config, output or prose? */
export function isShellLike(code: Code): boolean {
  const lang = (code.lang ?? '').trim();
  const value = cleanCopyArtefacts(code.value);
  const firstLine = value.split('\n').find((l) => l.trim() !== '' && !/^\s*#(?!!)/.test(l)) ?? '';
  // A session block is a command only where it shows a prompt or starts with one; a block of
  // log output labelled `console` is not something to run.
  if (SESSION_LANGS.test(lang)) return /^\s*\$\s/m.test(value) || (COMMANDS.test(firstLine.trim()) && !OUTPUT_LINE.test(firstLine));
  if (SHELL_LANGS.test(lang)) return firstLine !== '' && !OUTPUT_LINE.test(firstLine);
  if (lang !== '' && NOT_SHELL_LANGS.test(lang)) return false;
  if (/[\u2500-\u257f]/.test(code.value)) return false;
  const lines = value.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^#(?!!)|^\/\//.test(l));
  const first = lines[0];
  if (first === undefined) return false;
  const hits = lines.filter((l) => COMMANDS.test(l)).length;
  return COMMANDS.test(first) && hits * 2 >= Math.min(lines.length, 6);
}

/** Drops the "bash / CopyEdit" and "Copy code" lines a pasted web page leaves at the top of a block. */
export function cleanCopyArtefacts(value: string): string {
  const lines = value.split('\n');
  let i = 0;
  while (i < lines.length && i < 3 && (COPY_ARTEFACT.test(lines[i] ?? '') || (/^\s*(bash|sh|shell|zsh|powershell|console|cmd|plaintext)\s*$/i.test(lines[i] ?? '') && COPY_ARTEFACT.test(lines[i + 1] ?? '')))) i++;
  return lines.slice(i).filter((l) => !COPY_ARTEFACT.test(l)).join('\n');
}

function stripPrompts(raw: string, session: boolean): string {
  const lines = cleanCopyArtefacts(raw).replace(/\s+$/, '').split('\n');
  // Only a "$ " prompt is a prompt; "$VAR" lines are shell.
  const prompted = lines.filter((l) => /^\s*\$\s/.test(l)).length;
  if (prompted === 0) return lines.join('\n');
  const out: string[] = [];
  let continued = false;
  for (const l of lines) {
    const isPrompt = /^\s*\$\s/.test(l);
    // In a session, what follows a command without a prompt is its output, unless the command
    // continues ("\\" at the end of the line).
    if (isPrompt || continued || /^\s*#/.test(l) || (!session && prompted === lines.filter((x) => x.trim() !== '').length)) {
      out.push(l.replace(/^(\s*)\$\s/, '$1'));
      continued = /\\\s*$/.test(l);
    } else if (!session && !OUTPUT_LINE.test(l)) out.push(l);
    else continued = false;
  }
  return out.join('\n');
}

interface Found {
  code: Code;
  name: string;
}

// Walks blocks keeping the nearest label so each command gets the name a reader would give it.
function collect(blocks: readonly RootContent[], fallback: string, out: Found[]): void {
  let label: string | undefined;
  for (const b of blocks) {
    if (b.type === 'code') {
      out.push({ code: b, name: label ?? (fallback || firstComment(b) || 'Command') });
      label = undefined;
    } else if (b.type === 'paragraph') {
      const bare = labelOf(b);
      const lines = paragraphLines(b);
      const last = squash(stripMarks(lines[lines.length - 1] ?? ''));
      label = bare ?? (last.endsWith(':') && last.length <= 100 ? last.replace(/:$/, '') : undefined);
    } else if (b.type === 'list') {
      for (const item of b.children) {
        const first = item.children[0];
        const head = first?.type === 'paragraph' ? squash(stripMarks(paragraphLines(first)[0] ?? '')) : '';
        const text = head.replace(/:$/, '');
        collect(item.children.slice(first?.type === 'paragraph' ? 1 : 0), text || fallback, out);
      }
      label = undefined;
    } else if (b.type === 'blockquote') {
      collect(b.children, fallback, out);
    } else label = undefined;
  }
}

export interface ActionResult {
  actions: Action[];
  keyOf: Map<Code, string>;
}

/**
 * Every shell-like fenced block, anywhere, becomes an action with typed parameters. The blocks
 * are left unclaimed so the phase reader can still attach them to steps; the importer claims
 * them afterwards.
 */
export function extractActions(outline: Section, ctx: ImportContext): ActionResult {
  const found: Found[] = [];
  const visit = (s: Section): void => {
    collect(s.blocks, s.name || s.title, found);
    for (const c of s.children) visit(c);
  };
  visit(outline);
  const keys = new KeyAllocator('action');
  const keyOf = new Map<Code, string>();
  const actions: Action[] = [];
  for (const { code, name } of found) {
    if (ctx.isConsumed(code) || !isShellLike(code)) continue;
    const command = stripPrompts(code.value, SESSION_LANGS.test((code.lang ?? '').trim()) || /^\s*\$\s/m.test(code.value));
    if (command.trim() === '') continue;
    const title = squash(name || firstComment(code) || 'Command');
    const key = keys.next(title);
    keyOf.set(code, key);
    actions.push({
      key,
      name: title,
      command,
      language: (code.lang ?? '').trim() || 'sh',
      params: findParams(command, true),
      phaseKey: null,
      destructive: DESTRUCTIVE.test(command.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n')),
      line: lineOf(code as Nodes),
    });
  }
  return { actions, keyOf };
}
