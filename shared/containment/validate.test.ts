import { describe, expect, it } from 'vitest';
import type { ActionParam } from './model';
import { actionParamSchema } from './model';
import { checkParamValue, checkParams, isCidr, isHostname, isIPv4, isIPv6 } from './validate';

const p = (kind: ActionParam['kind'], extra: Partial<ActionParam> = {}): ActionParam => ({ name: 'X', kind, ...extra });

describe('parameter kinds', () => {
  it.each(['192.0.2.1', '0.0.0.0', '255.255.255.255'])('IPv4 %s passes', (v) => expect(isIPv4(v)).toBe(true));
  it.each(['256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '1.2.3.4 ', 'a.b.c.d'])('IPv4 %s fails', (v) => expect(isIPv4(v)).toBe(false));
  it.each(['::1', '2001:db8::1', 'fe80::', '::', '2001:0db8:0000:0000:0000:ff00:0042:8329', '::ffff:192.0.2.1'])('IPv6 %s passes', (v) => expect(isIPv6(v)).toBe(true));
  it.each(['2001:db8::1::2', '12345::', '1:2:3:4:5:6:7:8:9', 'g::1', ':::', '1:2:3:4:5:6:7'])('IPv6 %s fails', (v) => expect(isIPv6(v)).toBe(false));
  it('CIDR', () => {
    expect(isCidr('10.0.0.0/8')).toBe(true);
    expect(isCidr('2001:db8::/32')).toBe(true);
    expect(isCidr('10.0.0.0/33')).toBe(false);
    expect(isCidr('10.0.0.0/08')).toBe(false);
    expect(isCidr('10.0.0.0')).toBe(false);
  });
  it('hostnames', () => {
    expect(isHostname('web-01.example.com')).toBe(true);
    expect(isHostname('-bad.example.com')).toBe(false);
    expect(isHostname('a..b')).toBe(false);
    expect(isHostname('x'.repeat(64))).toBe(false);
  });
  it('integers with bounds', () => {
    expect(checkParamValue(p('integer', { min: 1, max: 65535 }), '443')).toBeNull();
    expect(checkParamValue(p('integer', { min: 1, max: 65535 }), '0')).toMatch(/at least 1/);
    expect(checkParamValue(p('integer'), '5; rm')).toMatch(/whole number/);
  });
  it('integers are non-negative unless the parameter says it may be negative', () => {
    // `kill -HUP -1` signals every process the user owns; `ls -1` is an option.
    expect(checkParamValue(p('integer'), '-1')).toMatch(/must not be negative.*every process/);
    expect(checkParamValue(p('integer', { max: 10 }), '-5')).toMatch(/must not be negative/);
    expect(checkParamValue(p('integer'), '0')).toBeNull();
    expect(checkParamValue(p('integer', { signed: true }), '-5')).toBeNull();
    expect(checkParamValue(p('integer', { signed: true, min: -3 }), '-5')).toMatch(/at least -3/);
    expect(actionParamSchema.safeParse({ name: 'N', kind: 'integer', min: -10 }).error?.issues[0]?.message).toMatch(/negative minimum needs/);
    expect(actionParamSchema.safeParse({ name: 'N', kind: 'integer', min: -10, signed: true }).success).toBe(true);
  });
  it('enum and regex', () => {
    expect(checkParamValue(p('enum', { options: ['a', 'b'] }), 'b')).toBeNull();
    expect(checkParamValue(p('enum', { options: ['a', 'b'] }), 'c')).toMatch(/one of: a, b/);
    expect(checkParamValue(p('regex', { pattern: 'INC-[0-9]+' }), 'INC-42')).toBeNull();
    // Anchored: a match in the middle is not enough.
    expect(checkParamValue(p('regex', { pattern: 'INC-[0-9]+' }), 'x INC-42; rm')).toMatch(/pattern/);
  });
});

describe('refused everywhere', () => {
  const injections = ['; rm -rf /', '$(touch MARKER)', '`touch MARKER`', 'a\nb', 'a\0b', '| cat /etc/passwd', '&& reboot', '> /etc/hosts'];
  it.each(injections)('%j is not an identifier, ip, cidr or hostname', (value) => {
    for (const kind of ['identifier', 'ip', 'cidr', 'hostname'] as const) expect(checkParamValue(p(kind), value)).not.toBeNull();
  });
  it('control characters and newlines are refused even for free text', () => {
    expect(checkParamValue(p('string'), 'line one\nline two')).toMatch(/one line/);
    expect(checkParamValue(p('path'), 'a\0b')).toMatch(/NUL/);
  });
  it.each(['string', 'identifier', 'path', 'hostname', 'regex'] as const)('a leading "-" is refused for %s (option smuggling)', (kind) => {
    expect(checkParamValue(p(kind, kind === 'regex' ? { pattern: '.*' } : {}), '--output=/etc/passwd')).toMatch(/must not start with "-"/);
  });
  it('unless the parameter allows it', () => {
    expect(checkParamValue(p('string', { allowDash: true }), '-v')).toBeNull();
  });
  it('checkParams names every problem and refuses unknown names', () => {
    const result = checkParams([p('ip'), { name: 'HOST', kind: 'hostname' }], { X: 'nope', HOST: 'ok.example', EXTRA: '1' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['EXTRA', 'X']);
    expect(checkParams([p('ip')], { X: '192.0.2.1' })).toEqual({ ok: true, values: { X: '192.0.2.1' } });
  });
});

describe('parameter definitions', () => {
  it('refuse a regex that does not compile and an enum without options', () => {
    expect(actionParamSchema.safeParse({ name: 'X', kind: 'regex', pattern: '(' }).success).toBe(false);
    expect(actionParamSchema.safeParse({ name: 'X', kind: 'enum' }).success).toBe(false);
    expect(actionParamSchema.safeParse({ name: 'lower', kind: 'string' }).success).toBe(false);
  });
});
