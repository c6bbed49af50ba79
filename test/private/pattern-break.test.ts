import * as fc from 'fast-check';
import { fullMatch, HEADER_NAME, ROLE_ARN, RUNTIME_ID, RUNTIME_NAME, SSM_PREFIX, TAG_TEXT } from '../../lib/private/contract';
import { findPatternBreak } from '../../lib/private/pattern-break';

/** Patterns of the library, from plain character classes to ARNs with optional groups and alternation. */
const PATTERNS: RegExp[] = [
  TAG_TEXT, RUNTIME_NAME, RUNTIME_ID, HEADER_NAME, ROLE_ARN, SSM_PREFIX,
  /([0-9a-zA-Z][-]?){1,48}/,
  /arn:aws(|-cn|-us-gov):kms:[a-zA-Z0-9-]*:[0-9]{12}:key\/[a-zA-Z0-9-]{36}/,
  /https:\/\/[^\s/]+(\/[^\s]*)?\/\.well-known\/openid-configuration/,
  /(?:ab|a)c+?d{2,}/,
];

describe('findPatternBreak', () => {
  test.each<[RegExp, string, number, boolean]>([
    [TAG_TEXT, 'team#1', 4, false],
    [RUNTIME_NAME, 'my-agent', 2, false],
    [RUNTIME_NAME, 'a'.repeat(49), 48, false],
    [RUNTIME_NAME, '1agent', 0, false],
    [ROLE_ARN, 'arn:aws:iam::12345678901:role/x', 24, false],
    [ROLE_ARN, 'arn:aws:iam::123456789012:user/x', 26, false],
    [ROLE_ARN, 'arn:aws:iam::123456789012:role/', 31, true],
    [/([0-9a-zA-Z][-]?){1,100}/, 'ab--c', 3, false],
    [/(?:ab|a)c+?d{2,}/i, 'ACCD', 4, true],
  ])('%s breaks %j at %d', (re, value, index, incomplete) => {
    expect(findPatternBreak(re, value)).toEqual({ index, incomplete });
  });

  test('no break for a matching value', () => {
    expect(findPatternBreak(ROLE_ARN, 'arn:aws:iam::123456789012:role/Agent')).toBeUndefined();
    expect(findPatternBreak(/^[a-z]+$/, 'abc')).toBeUndefined();
  });

  test('gives no answer for constructs outside its subset rather than a wrong one', () => {
    for (const re of [/\bfoo/, /(a)\1/, /a(?=b)/, /(?<!x)y/, /\p{L}/u, /a{0,100000}/]) {
      expect(findPatternBreak(re, '###')).toBeUndefined();
    }
  });

  test('agrees with the regular expression engine, and the prefix before a break never breaks', () => {
    const values = (re: RegExp) => fc.oneof(
      fc.stringMatching(new RegExp(`^(?:${re.source})$`, re.flags)),
      fc.tuple(fc.stringMatching(new RegExp(`^(?:${re.source})$`, re.flags)), fc.nat(), fc.constantFrom('#', ' ', '-', ':', 'a', '0', '/', '\n'))
        .map(([v, at, ch]) => v.slice(0, at % (v.length + 1)) + ch + v.slice(at % (v.length + 1))),
      fc.string(),
    );
    for (const re of PATTERNS) {
      fc.assert(fc.property(values(re), (value) => {
        const at = findPatternBreak(re, value);
        expect(at === undefined).toBe(fullMatch(re, value));
        if (at && !at.incomplete) {
          const before = findPatternBreak(re, value.slice(0, at.index));
          expect(before === undefined || before.incomplete).toBe(true);
        }
      }), { numRuns: 300 });
    }
  });
});
