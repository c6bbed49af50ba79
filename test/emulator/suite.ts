/**
 * One emulator per test file, the way every emulator and provider suite uses it: started before the file's tests,
 * reset before each test, closed after the file.
 */
import { startEmulator } from './emulator';
import type { Emulator, EmulatorOptions } from './types';

/**
 * Registers the hooks (start before all tests, `reset()` before each, close after all) and returns the emulator. The
 * object stands for the emulator the hooks start: use it inside tests and hooks (its members read the running one).
 */
export function useEmulator(options: EmulatorOptions = {}): Emulator {
  let emu: Emulator | undefined;
  const running = (): Emulator => {
    if (!emu) throw new Error('useEmulator(): the emulator starts in beforeAll; use it inside tests and hooks');
    return emu;
  };
  beforeAll(async () => {
    emu = await startEmulator(options);
  });
  afterAll(() => emu?.close());
  beforeEach(() => running().reset());
  return new Proxy({} as Emulator, {
    get: (_target, member) => {
      const e = running();
      const value = (e as unknown as Record<string | symbol, unknown>)[member];
      return typeof value === 'function' ? value.bind(e) : value;
    },
  });
}
