import { Writable } from 'node:stream';
import type { TurnContext } from 'botbuilder';
import { createLogger } from '../../src/logger.js';
import { PersonalDataEraser, type ErasureRequest } from '../../src/privacy/PersonalDataEraser.js';

const request: ErasureRequest = { person: { channel: 'emulator', pseudonym: 'p-123' }, context: {} as TurnContext };

function capturingLogger(lines: string[]) {
  return createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
}

describe('PersonalDataEraser', () => {
  it('runs every eraser in order, and the others still run when one fails', async () => {
    const calls: string[] = [];
    const lines: string[] = [];
    const eraser = new PersonalDataEraser(capturingLogger(lines))
      .register({ name: 'first', erase: async ({ person }) => void calls.push(`first:${person.pseudonym}`) })
      .register({ name: 'broken', erase: () => Promise.reject(new Error('store offline')) })
      .register({ name: 'last', erase: async () => void calls.push('last') });
    expect(await eraser.eraseAll(request)).toEqual({ erased: ['first', 'last'], failed: ['broken'] });
    expect(calls).toEqual(['first:p-123', 'last']);
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'error', eraser: 'broken', msg: 'personal data erasure failed' }),
    ]);
    expect(lines.join('')).not.toContain('p-123');
  });

  it('refuses two erasers with the same name', () => {
    const eraser = new PersonalDataEraser(createLogger('silent')).register({ name: 'x', erase: async () => undefined });
    expect(() => eraser.register({ name: 'x', erase: async () => undefined })).toThrow('registered twice');
  });
});
