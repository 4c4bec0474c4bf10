#!/usr/bin/env node
// `npm test`: every check the project has, in order, stopping at the first
// red stage: types, lint and format, the build, unit and integration tests
// (vitest, real loopback sockets and Python peers), then the end-to-end specs
// (Playwright driving the real UI in Chromium through the web shell).
// The last line counts every test run: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const stages = [
  ['types', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']],
  ['types (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']],
  ['lint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['format', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ['build', bin('electron-vite'), ['build']],
  ['unit', bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile=.tmp/vitest.json']],
  ['e2e', bin('playwright'), ['test', '--project=e2e']],
];

mkdirSync('.tmp', { recursive: true });
for (const file of ['.tmp/vitest.json', '.tmp/playwright.json']) rmSync(file, { force: true });

let failedStage;
for (const [name, command, args] of stages) {
  console.log(`\n▶ ${name}: ${[command.replace('node_modules/.bin/', ''), ...args].join(' ')}`);
  const run = spawnSync(command, args, { stdio: 'inherit' });
  if (run.status !== 0) {
    failedStage = name;
    break;
  }
}

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
const vitest = readJson('.tmp/vitest.json');
const playwright = readJson('.tmp/playwright.json');
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0);
const failed =
  (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0) + (playwright?.stats?.flaky ?? 0);

console.log('');
if (failedStage) console.log(`✗ stopped at stage "${failedStage}"`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failedStage || failed > 0 ? 1 : 0);
