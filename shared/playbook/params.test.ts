import { describe, expect, it } from 'vitest';
import { findParams, guessKind } from './params';

describe('placeholders', () => {
  it('finds <X>, $X, ${X}, {{X}} and [X] in order, once each', () => {
    const cmd = 'ssh <HOST> "block $ATTACKER_IP ${PORT}" --user {{ username }} --file [LOG_PATH] <HOST>';
    expect(findParams(cmd, true).map((p) => [p.name, p.kind])).toEqual([
      ['HOST', 'hostname'],
      ['ATTACKER_IP', 'ip'],
      ['PORT', 'port'],
      ['username', 'user'],
      ['LOG_PATH', 'path'],
    ]);
  });

  it('ignores shell syntax that only looks like a placeholder', () => {
    const script = [
      'TS=$(date +%s)',
      'for ip in $(cat ips.txt); do ufw deny from $ip; done',
      'if [[ "$1" == x ]] && [ -f "$TS" ]; then echo $HOME; fi',
      "grep -E '[a-z]+' file | awk '{print $2}'",
      'cat <<EOF > out',
      '# comment with <NOT_A_PARAM>',
    ].join('\n');
    expect(findParams(script, true)).toEqual([]);
  });

  it('guesses kinds from the name first, then the flag before it', () => {
    expect(guessKind('USER_ID')).toBe('user');
    expect(guessKind('node-name')).toBe('hostname');
    expect(guessKind('TARGET_ID', 'revoke.py --user_id ')).toBe('user');
    expect(guessKind('ALERT_ID')).toBe('identifier');
    expect(guessKind('SRC_IP')).toBe('ip');
    expect(guessKind('incident-id')).toBe('identifier');
    expect(guessKind('TARGET', 'https://')).toBe('hostname');
  });
});
