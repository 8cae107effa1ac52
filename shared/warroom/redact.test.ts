import { describe, expect, it } from 'vitest';
import { containsSecrets, isSensitivePayload, redactSecrets } from './redact';

// Fixture pairs: input -> what a shared screen shows.
const pairs: Array<[string, string]> = [
  ['Failover done, no secrets here', 'Failover done, no secrets here'],
  ['curl -H "Authorization: Bearer abc123def456ghi789" https://api', 'curl -H "Authorization: Bearer •••" https://api'],
  ['Authorization: Bearer shortone', 'Authorization: •••'],
  ['Bearer tokens were rotated', 'Bearer tokens were rotated'],
  ['Basic dXNlcjpwYXNzd29yZA==', 'Basic •••'],
  ['key AKIAIOSFODNN7EXAMPLE leaked', 'key ••• leaked'],
  ['aws_access_key_id=AKIAIOSFODNN7EXAMPLE', 'aws_access_key_id=•••'],
  ['token ghp_16C7e42F292c6912E7710c838347Ae178B4a found', 'token ••• found'],
  ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', '•••'],
  ['slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'slack •••'],
  ['openai sk-proj-abcdefghijklmnop1234567890', 'openai •••'],
  ['stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'stripe •••'],
  ['password=hunter2 user=bob', 'password=••• user=bob'],
  ['DB_PASSWORD: "correct horse battery staple"', 'DB_PASSWORD: •••'],
  ['{"client_secret": "s3cr3t", "name": "x"}', '{"client_secret": •••, "name": "x"}'],
  ["api-key = 'abc def'", 'api-key = •••'],
  ['?apikey=XYZ&page=2', '?apikey=•••&page=2'],
  ['session_id=9f8e7d', 'session_id=•••'],
  ['author: Bob', 'author: Bob'],
  [
    'jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end',
    'jwt ••• end',
  ],
  ['-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----\nafter', '•••\nafter'],
  ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n(truncated paste', '•••'],
  ['-----BEGIN PGP PRIVATE KEY BLOCK-----\nxyz\n-----END PGP PRIVATE KEY BLOCK-----', '•••'],
  ['sha 0123456789abcdef0123456789ABCDEF end', 'sha ••• end'],
  ['x-0123456789abcdef0123456789abcdef00-y', '•••'],
  ['short hex deadbeef stays', 'short hex deadbeef stays'],
  ['postgres://admin:pa55w0rd@db.internal:5432/app', 'postgres://admin:•••@db.internal:5432/app'],
  ['mail alice@example.com', 'mail alice@example.com'],
];

describe('redactSecrets', () => {
  it.each(pairs)('%j', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('hides e-mail addresses on request', () => {
    expect(redactSecrets('mail alice.b+ir@example.co.uk now', { emails: true })).toBe('mail ••• now');
  });

  it('never leaves a fragment of a known secret', () => {
    const secrets = ['AKIAIOSFODNN7EXAMPLE', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'hunter2', 'pa55w0rd', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'];
    const text = pairs.map(([i]) => i).join('\n');
    const out = redactSecrets(text);
    for (const s of secrets) {
      for (let i = 0; i + 6 <= s.length; i++) expect(out).not.toContain(s.slice(i, i + 6));
    }
    expect(containsSecrets('password=x')).toBe(true);
    expect(containsSecrets('nothing')).toBe(false);
  });
});

describe('isSensitivePayload', () => {
  it('follows the [sensitive] prefix and the sensitive flag', () => {
    expect(isSensitivePayload({ text: '[sensitive] HR case 42' })).toBe(true);
    expect(isSensitivePayload({ text: '  [SENSITIVE] x' })).toBe(true);
    expect(isSensitivePayload({ text: 'x', sensitive: true })).toBe(true);
    expect(isSensitivePayload({ text: 'not [sensitive]' })).toBe(false);
    expect(isSensitivePayload(null)).toBe(false);
  });
});
