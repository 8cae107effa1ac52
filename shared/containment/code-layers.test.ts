import { describe, expect, it } from 'vitest';
import { planArgv, planSnippet, shQuote } from './layered-plan';

// What each layer sees, said exactly. The corpus test (electron/services/scripts/hostile-corpus.test.ts)
// runs these with real processes; here the texts themselves are pinned.
describe('code layers', () => {
  it('a plain argv stays shell-free: values whole, no layers', () => {
    expect(planArgv(['iptables', '-s', '{IP}', '--comment', 'x {NOTE}'], { IP: '192.0.2.1', NOTE: "$(id) 'q'" })).toEqual({
      ok: true,
      argv: ['iptables', '-s', '192.0.2.1', '--comment', "x $(id) 'q'"],
      layers: [],
    });
  });

  it('a value passed to sh -c as a positional argument is data, and the script is shown as written', () => {
    expect(planArgv(['sh', '-c', 'echo "$1"', 'sh', '{X}'], { X: '; id' })).toEqual({ ok: true, argv: ['sh', '-c', 'echo "$1"', 'sh', '; id'], layers: [{ parser: 'sh -c', depth: 1, text: 'echo "$1"' }] });
  });

  it('quotes for each shell layer, outermost last, and shows every layer its own text', () => {
    const planned = planArgv(['sudo', '-u', 'www', 'bash', '-c', `ssh db-1 "grep {X} /var/log/auth.log"`], { X: "a'b" });
    expect(planned).toMatchObject({ ok: true });
    if (!planned.ok) return;
    expect(planned.layers.map((l) => [l.parser, l.depth])).toEqual([
      ['sudo → bash -c', 1],
      ['the remote shell on db-1 (ssh joins its arguments with spaces)', 2],
    ]);
    expect(planned.layers[1]?.text).toBe(`grep ${shQuote("a'b")} /var/log/auth.log`);
    expect(planned.argv[5]).toBe(planned.layers[0]?.text);
  });

  it('an expansion the outer shell makes is shown as such in the inner layer', () => {
    expect(planSnippet(`sh -c "echo $HOME; printf '%s\\n' \\"\\$CORDON_PARAM_X\\""`, 'sh', true)).toMatchObject({
      ok: true,
      layers: [{ depth: 1 }, { parser: 'sh -c', depth: 2, text: `echo ⟨$HOME⟩; printf '%s\\n' "$CORDON_PARAM_X"` }],
    });
  });

  it('an unquoted variable holding a value, in a snippet, is refused (word splitting and globbing)', () => {
    expect(planSnippet('rm -- $CORDON_PARAM_FILE', 'sh', true)).toMatchObject({ ok: false, message: expect.stringMatching(/Write "\$CORDON_PARAM_FILE" in double quotes/) });
    expect(planSnippet('rm -- "$CORDON_PARAM_FILE"', 'sh', true)).toMatchObject({ ok: true });
  });

  it('a snippet without parameters is never refused for how it uses variables', () => {
    expect(planSnippet('for f in *.log; do eval "echo $f"; done', 'sh', false)).toMatchObject({ ok: true });
  });

  it.each([
    [['time', '-p', 'sh', '-c', 'echo {X}'], 'sh -c'],
    [['nice', '-n', '5', 'bash', '-c', 'echo {X}'], 'bash -c'],
    [['timeout', '-s', 'KILL', '5', 'sh', '-c', 'echo {X}'], 'sh -c'],
    [['nohup', 'dash', '-c', 'echo {X}'], 'dash -c'],
    [['stdbuf', '-oL', 'zsh', '-c', 'echo {X}'], 'zsh -c'],
    [['chroot', '/srv', 'ksh', '-c', 'echo {X}'], 'ksh -c'],
    [['busybox', 'sh', '-c', 'echo {X}'], 'sh -c'],
    [['sudo', '-u', 'www', '-E', 'sh', '-c', 'echo {X}'], 'sudo → sh -c'],
    [['env', '-i', 'FOO=1', 'sh', '-ec', 'echo {X}'], 'sh -c'],
    [['su', '-', 'www', '-c', 'echo {X}'], "su -c (the target user's shell)"],
    [['watch', '-n', '5', 'echo', '{X}'], 'watch (sh -c)'],
    [['flock', '/run/x.lock', '-c', 'echo {X}'], 'flock -c (sh)'],
    [['podman', 'exec', '-it', 'web', 'bash', '-c', 'echo {X}'], 'podman exec → bash -c'],
  ])('finds the shell behind %j', (template, parser) => {
    const planned = planArgv(template, { X: 'a b' });
    expect(planned).toMatchObject({ ok: true, layers: [{ parser, depth: 1, text: "echo 'a b'" }] });
  });

  it('refuses to guess when an option list hides which program runs', () => {
    expect(planArgv(['timeout', '5', '--foreground', 'sh', '-c', 'echo {X}'], { X: 'a' })).toMatchObject({ ok: false, message: expect.stringMatching(/could not tell which program runs/) });
  });

  it('refuses what bash evaluates as arithmetic: [[ -eq ]], let, array subscripts', () => {
    expect(planArgv(['bash', '-c', '[[ {N} -eq 1 ]] && echo one'], { N: '1' })).toMatchObject({ ok: false, message: expect.stringMatching(/arithmetic/) });
    expect(planSnippet('let "n = $CORDON_PARAM_N + 1"', 'bash', true)).toMatchObject({ ok: false, message: expect.stringMatching(/arithmetic/) });
    expect(planSnippet('echo "${hosts[$CORDON_PARAM_N]}"', 'bash', true)).toMatchObject({ ok: false, message: expect.stringMatching(/arithmetic/) });
    expect(planSnippet('[ "$CORDON_PARAM_N" -eq 1 ] && echo one', 'bash', true)).toMatchObject({ ok: true });
  });
});
