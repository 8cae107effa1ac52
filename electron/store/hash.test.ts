import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson, eventHashInput, type ChainedFields } from '../../shared/events/canonical';
import { eventHashInputSql } from './hash';

// A plain in-memory database is enough: json_quote and || do not depend on the cipher.
const db = new Database(':memory:');
afterAll(() => db.close());
db.exec(`CREATE TABLE events (id TEXT, incident_id TEXT, n INTEGER, kind TEXT, actor TEXT, occurred_at TEXT,
  recorded_at TEXT, payload TEXT, prev_hash TEXT, hash TEXT)`);
const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
const built = db.prepare(`SELECT ${eventHashInputSql} FROM events WHERE rowid = ?`).pluck();

function sqlInput(fields: ChainedFields, payload: string): string {
  const { lastInsertRowid } = insert.run(
    fields.id, fields.incidentId, fields.n, fields.kind, fields.actor, fields.occurredAt, fields.recordedAt, payload, fields.prevHash, '',
  );
  return built.get(lastInsertRowid) as string;
}

const base: ChainedFields = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  incidentId: '0190a1b2-c3d4-7e5f-8a9b-000000000001',
  n: 1,
  kind: 'note',
  actor: 'Ana',
  occurredAt: '2026-11-22T08:00:00.000Z',
  recordedAt: '2026-11-22T08:00:01.000Z',
  prevHash: '0'.repeat(64),
};

describe('eventHashInputSql', () => {
  it('builds the same text as eventHashInput for every BMP character and a sample beyond', () => {
    // Every UTF-16 code unit that is not a surrogate half, in chunks, in a field SQLite quotes.
    const chars: string[] = [];
    for (let c = 0; c <= 0xffff; c++) if (c < 0xd800 || c > 0xdfff) chars.push(String.fromCharCode(c));
    chars.push('😀', '\u{10ffff}', '\u{1f9d1}\u200d\u{1f692}');
    for (let i = 0; i < chars.length; i += 512) {
      const actor = chars.slice(i, i + 512).join('');
      expect(sqlInput({ ...base, actor }, '{}')).toBe(eventHashInput({ ...base, actor }, '{}'));
    }
  });

  it('agrees on escapes, large positions and a canonical payload in every field', () => {
    const tricky = 'a"b\\c\n\r\t\b\f\u0000\u001f\u007f\u2028\u2029</script>';
    const payload = canonicalJson({ text: tricky, nested: { z: [1, 2.5, -0, null, true] }, a: 'é' });
    const fields: ChainedFields = {
      id: tricky,
      incidentId: `${tricky}!`,
      n: 2 ** 40,
      kind: tricky,
      actor: tricky,
      occurredAt: tricky,
      recordedAt: tricky,
      prevHash: tricky,
    };
    expect(sqlInput(fields, payload)).toBe(eventHashInput(fields, payload));
    expect(sqlInput(base, payload)).toBe(eventHashInput(base, payload));
  });
});
