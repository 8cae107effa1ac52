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
    expect(rewriteSnippet("# don't <X>\necho '<X>' $HOST ${HOST}x $HOSTNAME", [{ text: '<X>', name: 'X' }, { text: '$HOST', name: 'HOST' }, { text: '${HOST}', name: 'HOST' }])).toEqual({
      ok: true,
      script: `# don't <X>\necho ''"\${CORDON_PARAM_X}"'' "\${CORDON_PARAM_HOST}" "\${CORDON_PARAM_HOST}"x $HOSTNAME`,
    });
  });
  it('inside a nested sh -c, the inner shell expands the variable itself (the outer one passes the reference on literally)', () => {
    const view = fromPlaybookAction(playbookAction("echo start\nsh -c 'echo noted <MESSAGE>'"));
    expect(view.mode).toBe('snippet');
    // Not '"${…}"' (which the outer shell would expand, handing the value to the inner one as code).
    expect(view.script).toBe(`echo start\nsh -c 'echo noted ''"\${CORDON_PARAM_MESSAGE}"'''`);
    expect(view.description).toBe('');
  });
  it('a placeholder the remote side of ssh would read inside a snippet cannot run (Cordon’s variables do not travel)', () => {
    const view = fromPlaybookAction(playbookAction('for h in a b; do\n  ssh "$h" "grep <USER> /var/log/auth.log"\ndone'));
    expect(view.description).toMatch(/^Cordon cannot run this as written: <USER> sits in a command run through ssh/);
  });
  it('a one-liner that hands a placeholder to a shell becomes an argv template with a shell layer (quoted at run time)', () => {
    const view = fromPlaybookAction(playbookAction('sh -c "echo noted <MESSAGE>"'));
    expect(view).toMatchObject({ mode: 'argv', argv: ['sh', '-c', 'echo noted {MESSAGE}'], description: '' });
    const python = fromPlaybookAction(playbookAction(`python3 -c "print('<MESSAGE>')"`));
    expect(python.description).toMatch(/^Cordon cannot run this as written: python3 would read the value as python code/);
  });
  it('a PowerShell block is shown but marked as not runnable', () => {
    const view = fromPlaybookAction(playbookAction('Disable-ADAccount -Identity <USER>', 'powershell'));
    expect(view.mode).toBe('snippet');
    expect(view.description).toMatch(/cannot run/);
  });
});
