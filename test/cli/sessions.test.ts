import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { CliError } from '../../cli/errors';
import {
  chooseSession, emptyStore, loadStore, newSessionId, PRUNE_AFTER_MS, recordSession, saveStore, sessionKey, SessionStore,
  updateStore, validateSessionId,
} from '../../cli/sessions';

const ARN = 'arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/concierge-AbCdEf1234';
const KEY = sessionKey(ARN, 'DEFAULT', 'alice');
const MIN = 60_000;
const IDLE = 15 * MIN;
const T0 = Date.parse('2026-11-21T08:00:00.000Z');
const FRESH = 'fresh-0123456789-0123456789-0123456789';
const OLD = 'old-session-0123456789-0123456789-0123';

function storeWith(lastUsedMinutesAgo: number, createdMinutesAgo = lastUsedMinutesAgo, sessionId = OLD): SessionStore {
  return {
    version: 1,
    sessions: {
      [KEY]: {
        sessionId,
        createdAt: new Date(T0 - createdMinutesAgo * MIN).toISOString(),
        lastUsedAt: new Date(T0 - lastUsedMinutesAgo * MIN).toISOString(),
      },
    },
  };
}

describe('chooseSession', () => {
  test('absent → new', () => {
    expect(chooseSession(emptyStore(), KEY, T0, IDLE, { freshId: FRESH })).toEqual({ sessionId: FRESH, reason: 'new' });
    // another actor's or qualifier's session is not used
    expect(chooseSession(storeWith(1), sessionKey(ARN, 'DEFAULT', 'bob'), T0, IDLE, { freshId: FRESH }).reason).toBe('new');
    expect(chooseSession(storeWith(1), sessionKey(ARN, 'prod', 'alice'), T0, IDLE, { freshId: FRESH }).reason).toBe('new');
  });

  test('within the idle window → reuse; at or after it → rotate', () => {
    expect(chooseSession(storeWith(0), KEY, T0, IDLE, { freshId: FRESH })).toEqual({ sessionId: OLD, reason: 'reused' });
    expect(chooseSession(storeWith(14.9), KEY, T0, IDLE, { freshId: FRESH })).toEqual({ sessionId: OLD, reason: 'reused' });
    expect(chooseSession(storeWith(15), KEY, T0, IDLE, { freshId: FRESH })).toEqual({ sessionId: FRESH, reason: 'rotated' });
    expect(chooseSession(storeWith(60), KEY, T0, IDLE, { freshId: FRESH })).toEqual({ sessionId: FRESH, reason: 'rotated' });
    expect(chooseSession(storeWith(60), KEY, T0, 90 * MIN, { freshId: FRESH }).reason).toBe('reused');
  });

  test('older than the maximum lifetime (default 8 h) → rotate, however recently used', () => {
    expect(chooseSession(storeWith(1, 8 * 60 - 1), KEY, T0, IDLE, { freshId: FRESH }).reason).toBe('reused');
    expect(chooseSession(storeWith(1, 8 * 60), KEY, T0, IDLE, { freshId: FRESH }).reason).toBe('rotated');
    expect(chooseSession(storeWith(1, 61), KEY, T0, IDLE, { freshId: FRESH, maxLifetimeMs: 60 * MIN }).reason).toBe('rotated');
  });

  test('--session wins over everything; --new-session forces a new one', () => {
    expect(chooseSession(storeWith(1), KEY, T0, IDLE, { freshId: FRESH, session: 'given-0123456789-0123456789-0123456789' }))
      .toEqual({ sessionId: 'given-0123456789-0123456789-0123456789', reason: 'given' });
    expect(chooseSession(storeWith(1), KEY, T0, IDLE, { freshId: FRESH, newSession: true })).toEqual({ sessionId: FRESH, reason: 'forced-new' });
    expect(chooseSession(emptyStore(), KEY, T0, IDLE, { freshId: FRESH, newSession: true }).reason).toBe('forced-new');
  });

  test('a damaged entry (bad time, bad id length) is rotated', () => {
    const bad = { version: 1 as const, sessions: { [KEY]: { sessionId: OLD, createdAt: 'yesterday', lastUsedAt: 'now' } } };
    expect(chooseSession(bad, KEY, T0, IDLE, { freshId: FRESH }).reason).toBe('rotated');
    expect(chooseSession(storeWith(1, 1, 'short'), KEY, T0, IDLE, { freshId: FRESH }).reason).toBe('rotated');
  });
});

describe('recordSession', () => {
  test('keeps createdAt for the same session, resets it for a new one, and prunes stale entries', () => {
    const store = storeWith(5, 30);
    const same = recordSession(store, KEY, OLD, T0);
    expect(same.sessions[KEY]).toEqual({ sessionId: OLD, createdAt: store.sessions[KEY].createdAt, lastUsedAt: new Date(T0).toISOString() });
    const rotated = recordSession(store, KEY, FRESH, T0);
    expect(rotated.sessions[KEY]).toEqual({ sessionId: FRESH, createdAt: new Date(T0).toISOString(), lastUsedAt: new Date(T0).toISOString() });
    expect(store.sessions[KEY].sessionId).toBe(OLD); // not mutated

    const other = sessionKey(ARN, 'DEFAULT', 'bob');
    const stale = sessionKey(ARN, 'DEFAULT', 'carol');
    const withOthers: SessionStore = {
      version: 1,
      sessions: {
        [other]: { sessionId: OLD, createdAt: new Date(T0 - MIN).toISOString(), lastUsedAt: new Date(T0 - MIN).toISOString() },
        [stale]: { sessionId: OLD, createdAt: new Date(T0 - PRUNE_AFTER_MS).toISOString(), lastUsedAt: new Date(T0 - PRUNE_AFTER_MS).toISOString() },
      },
    };
    expect(Object.keys(recordSession(withOthers, KEY, FRESH, T0).sessions).sort()).toEqual([KEY, other].sort());
  });
});

describe('session ids', () => {
  test('new ids are 50 characters and unique', () => {
    const a = newSessionId();
    expect(a).toMatch(/^cdk-agentcore-[0-9a-f-]{36}$/);
    expect(a).toHaveLength(50);
    expect(newSessionId()).not.toBe(a);
  });

  test('validateSessionId accepts 33..256 characters', () => {
    expect(validateSessionId('x'.repeat(33))).toBe('x'.repeat(33));
    expect(validateSessionId('x'.repeat(256))).toBe('x'.repeat(256));
    for (const bad of ['x'.repeat(32), 'x'.repeat(257), '']) {
      let err: unknown;
      try {
        validateSessionId(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CliError);
      expect((err as CliError).exitCode).toBe(2);
      expect((err as CliError).message).toContain(`got ${bad.length}`);
    }
  });
});

describe('sessions file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cdk-agentcore-sessions-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('missing file → empty store; save creates the directory (0700) and a 0600 file, atomically', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'sessions.json');
    expect(await loadStore(file)).toEqual(emptyStore());
    const store = recordSession(emptyStore(), KEY, FRESH, T0);
    await saveStore(file, store);
    expect(await loadStore(file)).toEqual(store);
    expect((statSync(file).mode % 0o1000).toString(8)).toBe('600');
    expect((statSync(path.dirname(file)).mode % 0o1000).toString(8)).toBe('700');
    expect(readdirSync(path.dirname(file))).toEqual(['sessions.json']); // no temporary file left behind
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(store);
  });

  test('an existing world-readable file is replaced by a 0600 one', async () => {
    const file = path.join(dir, 'sessions.json');
    writeFileSync(file, '{}', { mode: 0o644 });
    await saveStore(file, emptyStore());
    expect((statSync(file).mode % 0o1000).toString(8)).toBe('600');
  });

  test('a corrupt file is reported and treated as empty; malformed entries are dropped', async () => {
    const file = path.join(dir, 'sessions.json');
    writeFileSync(file, '{"version":1,"sessions":{');
    const warnings: string[] = [];
    expect(await loadStore(file, (m) => warnings.push(m))).toEqual(emptyStore());
    expect(warnings[0]).toContain('is not valid JSON');
    writeFileSync(file, JSON.stringify({ version: 1, sessions: { a: { sessionId: 1 }, b: null, [KEY]: storeWith(1).sessions[KEY] } }));
    expect(Object.keys((await loadStore(file)).sessions)).toEqual([KEY]);
  });

  test('updateStore keeps what another invocation wrote meanwhile', async () => {
    const file = path.join(dir, 'sessions.json');
    const other = sessionKey(ARN, 'DEFAULT', 'bob');
    await saveStore(file, recordSession(emptyStore(), other, OLD, Date.now()));
    await updateStore(file, (s) => recordSession(s, KEY, FRESH, Date.now()));
    expect(Object.keys((await loadStore(file)).sessions).sort()).toEqual([KEY, other].sort());
  });

  test('an unreadable path is reported, not thrown', async () => {
    const warnings: string[] = [];
    expect(await loadStore(dir, (m) => warnings.push(m))).toEqual(emptyStore()); // a directory
    expect(warnings[0]).toContain('cannot read sessions file');
  });
});
