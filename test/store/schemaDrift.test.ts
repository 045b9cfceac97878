import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { projectPath } from '../../src/projectRoot.js';

const run = promisify(execFile);

describe('prisma/schema.prisma and the committed migrations', () => {
  it('agree: applying the migrations yields exactly the schema (else run `npm run db:migration -- --name X`)', async () => {
    const result = await run(projectPath('node_modules', '.bin', 'tsx'), [projectPath('scripts', 'checkSchemaDrift.ts')], {
      cwd: projectPath(),
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout + error.stderr }),
    );
    expect(result).toEqual({ code: 0, stdout: '' });
  }, 60_000);
});
