import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startService } from '../src/main.js';
import { projectPath } from '../src/projectRoot.js';
import { botReplies, emulatorMessage } from './support/testApp.js';

function runMain(env: NodeJS.ProcessEnv, onStarted?: (child: ReturnType<typeof spawn>) => void) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    // node itself (not the tsx wrapper) so signals reach the service directly.
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', projectPath('src', 'main.ts')], {
      cwd: projectPath(),
      env: { PATH: process.env.PATH, ...env },
    });
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (onStarted && !started && stdout.includes('"listening"')) {
        started = true;
        onStarted(child);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('configuration', () => {
  it('leaves generated legal answers off by default, and wants a model name with a server URL', () => {
    expect(loadConfig({}).LLM_BASE_URL).toBeUndefined();
    expect(() => loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:8080/v1' })).toThrow('LLM_MODEL: required when LLM_BASE_URL is set');
    expect(() => loadConfig({ LLM_BASE_URL: 'ftp://x', LLM_MODEL: 'm' })).toThrow('LLM_BASE_URL: expected an http(s):// URL');
    expect(loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:8080/v1', LLM_MODEL: 'qwen' })).toMatchObject({ LLM_MODEL: 'qwen', LLM_TIMEOUT_MS: 8000 });
  });

  it('defaults to port 3978 on 127.0.0.1 with Vietnamese and PGlite in ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', DEFAULT_LOCALE: 'vi' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve('./data'));
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', MicrosoftAppId: ' ' });
    expect([config.DATABASE_URL, config.MicrosoftAppId]).toEqual([undefined, undefined]);
  });

  it('exits with code 2 and one line naming the bad variable, without printing secrets', async () => {
    const result = await runMain({ PORT: 'not-a-port', MicrosoftAppPassword: 'super-secret-value', DATABASE_URL: 'mysql://x' });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: .*PORT/);
    expect(lines[0]).toContain('DATABASE_URL: expected a postgresql:// connection URL');
    expect(result.stderr + result.stdout).not.toContain('super-secret-value');
    expect(result.stderr).not.toContain('mysql://x');
  }, 30_000);

  it('shuts down cleanly on SIGTERM with exit code 0', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsa-sigterm-'));
    const result = await runMain({ PORT: '0', DATA_DIR: dataDir }, (child) => child.kill('SIGTERM'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"shutting down"');
  }, 60_000);
});

describe('startService on the embedded database', () => {
  it('applies migrations in DATA_DIR and remembers the language choice after a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fsa-restart-'));
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir });
    const logger = createLogger('silent');
    const first = await startService(config, logger);
    try {
      expect((await botReplies(first.url, emulatorMessage('hi', 'u-restart', 'c-1'))).at(-1)).toBe('Bạn cần gì? Hãy chọn một mục bên dưới.');
      expect(await botReplies(first.url, emulatorMessage('English', 'u-restart', 'c-1'))).toEqual([
        'I will speak English with you.',
        'What do you need? Please choose an option below.',
      ]);
    } finally {
      await first.stop();
    }
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
    const second = await startService(config, logger);
    try {
      // A new conversation of the same user after the restart: English, no second greeting.
      expect(await botReplies(second.url, emulatorMessage('hi', 'u-restart', 'c-2'))).toEqual([
        'What do you need? Please choose an option below.',
      ]);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
