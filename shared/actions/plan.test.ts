import { describe, expect, it } from 'vitest';
import type { Action } from '../playbook/model';
import { findParams } from '../playbook/params';
import { expandArgv, fromPlaybookAction, rewriteSnippet, snippetArgv, splitSimpleCommand } from './plan';

const playbookAction = (command: string, language = 'bash', destructive = false): Action => ({
  key: 'block-ip',
  name: 'Block the IP',
  command,
  language,
  params: findParams(command, true),
  phaseKey: null,
  destructive,
  line: 1,
});

describe('argv templates', () => {
  it('put each value whole into its argument, once', () => {
    expect(expandArgv(['echo', '--user={USER}', '{USER}', '{OTHER}'], { USER: '$(touch x) {OTHER}' })).toEqual([
      'echo',
      '--user=$(touch x) {OTHER}',
      '$(touch x) {OTHER}',
      '{OTHER}',
    ]);
  });
  it('a snippet is one fixed argument', () => {
    expect(snippetArgv('sh', 'echo "$CORDON_PARAM_X"')).toEqual(['/bin/sh', '-c', 'echo "$CORDON_PARAM_X"', 'cordon-action']);
  });
});

describe('splitting simple commands', () => {
  it.each([
    ['kubectl delete pod web-1 -n prod', ['kubectl', 'delete', 'pod', 'web-1', '-n', 'prod']],
    [`echo 'a b' "c d" e\\ f`, ['echo', 'a b', 'c d', 'e f']],
  ])('%s', (line, words) => expect(splitSimpleCommand(line)).toEqual(words));
  it.each(['a | b', 'a; b', 'echo $HOME', 'echo "$(id)"', 'ls *.log', 'cat < x', 'A=1 cmd', '~/bin/x', 'echo `id`', "echo 'open"])('%s needs a shell', (line) => {
    expect(splitSimpleCommand(line)).toBeNull();
  });
});

describe('playbook actions', () => {
  it('one simple command becomes an argv template', () => {
    const view = fromPlaybookAction(playbookAction('iptables -A INPUT -s <ATTACKER_IP> -j DROP', 'bash', true));
    expect(view.mode).toBe('argv');
    expect(view.argv).toEqual(['iptables', '-A', 'INPUT', '-s', '{ATTACKER_IP}', '-j', 'DROP']);
    expect(view.params).toEqual([expect.objectContaining({ name: 'ATTACKER_IP', kind: 'ip' })]);
    expect(view.destructive).toBe(true);
  });
  it('a pipeline becomes a snippet whose placeholders read CORDON_PARAM_ variables, quoted', () => {
    const view = fromPlaybookAction(playbookAction('grep <USER_ID> /var/log/auth.log | tail -n 20\necho "done for <USER_ID>"'));
    expect(view.mode).toBe('snippet');
    expect(view.shell).toBe('bash');
    expect(view.script).toBe('grep "${CORDON_PARAM_USER_ID}" /var/log/auth.log | tail -n 20\necho "done for ${CORDON_PARAM_USER_ID}"');
  });
  it('rewrites inside single quotes and leaves comments alone', () => {
    expect(rewriteSnippet("# don't <X>\necho '<X>' $HOST ${HOST}x $HOSTNAME", [{ text: '<X>', name: 'X' }, { text: '$HOST', name: 'HOST' }, { text: '${HOST}', name: 'HOST' }])).toBe(
      `# don't <X>\necho ''"\${CORDON_PARAM_X}"'' "\${CORDON_PARAM_HOST}" "\${CORDON_PARAM_HOST}"x $HOSTNAME`,
    );
  });
  it('a PowerShell block is shown but marked as not runnable', () => {
    const view = fromPlaybookAction(playbookAction('Disable-ADAccount -Identity <USER>', 'powershell'));
    expect(view.mode).toBe('snippet');
    expect(view.description).toMatch(/cannot run/);
  });
});
