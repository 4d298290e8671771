/**
 * Browser tests: starts `lossledger serve --demo` on a fresh embedded data folder and a free
 * port, runs e2e/*.e2e.ts with node's test runner against it (Debian Chromium through
 * playwright-core), stops the server, and prints one summary line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const env = { ...process.env, DATABASE_URL: '' };
  const args = [
    join(root, 'bin/lossledger.js'),
    'serve',
    '--demo',
    '--demo-cards',
    '3000',
    '--port',
    String(port),
    '--data-dir',
    dataDir,
  ];
  const server = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  server.stdout?.on('data', (d: Buffer) => process.stdout.write(`[server] ${d}`));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  server.kill();
  throw new Error('the server did not start within 180 s');
}

function runTests(
  files: string[],
  baseUrl: string,
  tapFile: string,
): Promise<{ passed: number; failed: number }> {
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: baseUrl },
    });
    child.on('exit', () => {
      const tap = readFileSync(tapFile, 'utf8');
      const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
      resolve({ passed: count('pass'), failed: count('fail') + count('cancelled') });
    });
  });
}

const files = readdirSync(join(root, 'e2e'))
  .filter((f) => f.endsWith('.e2e.ts'))
  .map((f) => join(root, 'e2e', f));
if (files.length === 0) {
  console.error('No e2e/*.e2e.ts files found.');
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'll-e2e-'));
mkdirSync(join(root, 'test-results'), { recursive: true });
const port = await freePort();
const server = await startServer(join(work, 'data'), port);
let result = { passed: 0, failed: 1 };
try {
  result = await runTests(files, `http://127.0.0.1:${port}`, join(work, 'e2e.tap'));
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(work, { recursive: true, force: true });
}
if (process.env.TEST_SUMMARY_FILE)
  writeFileSync(process.env.TEST_SUMMARY_FILE, JSON.stringify({ ...result, skipped: 0 }));
console.log(`\n${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed > 0 || result.passed === 0 ? 1 : 0);
