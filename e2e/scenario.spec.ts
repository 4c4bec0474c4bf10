import type { Page } from '@playwright/test';
import type { Peer, PeerScript } from '../test/helpers/peer';
import { expect, hexOf, test } from './support/fixtures';
import { connectTcp, logRows, openUdp } from './support/ui';

/*
 * The Scenario tab: the command line's scenario files run on a session the
 * user opened, against real Python servers in the course's style.
 */

const THANKS = 'thank you !';

/** A scenario a teacher would write for the course's server: say hello, expect thanks. */
const GREETING = [
  'name: greeting',
  'timeout: 3000',
  'steps:',
  '  - connect: true',
  '  - name: hello',
  '    send: "hello\\n"',
  '  - expect: "^thank you"',
  '  - close: true',
  '',
].join('\n');

/** The same server graded for an answer it does not give. */
const WRONG = [
  'name: strict',
  'timeout: 800',
  'steps:',
  '  - send: "hello\\n"',
  '  - expect: "^OK"',
  '  - send: "bye\\n"',
  '',
].join('\n');

async function useLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  const zh = (await page.locator('html').getAttribute('lang')) === 'zh-CN';
  if (zh !== (language === 'zh-CN')) await page.getByTestId('language-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** A TCP client session of the app, connected to the course's server answering every message with `reply`. */
async function connectedClient(
  page: Page,
  peer: (script: PeerScript, args: string[]) => Peer,
  reply: string,
) {
  const server = peer('tcp_server.py', ['--reply', hexOf(reply)]);
  const [, port] = await server.line('READY');
  await connectTcp(page, '127.0.0.1', Number(port));
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');
  await page.getByTestId('tab-scenario').click();
  return server;
}

const steps = (page: Page) => page.getByTestId('scenario-step');

test('a scenario file loaded in the Scenario tab grades the course’s TCP server: every step passes, with what arrived', async ({
  app,
  peer,
}) => {
  const server = await connectedClient(app, peer, THANKS);
  await app.getByTestId('scenario-file').setInputFiles({
    name: 'greeting.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(GREETING),
  });
  await expect(app.getByTestId('scenario-text')).toHaveValue(GREETING);
  await expect(app.getByTestId('scenario-format')).toHaveValue('yaml');
  await expect(app.getByTestId('scenario-file-name')).toContainText('greeting.yaml');

  await app.getByTestId('scenario-run').click();
  await expect(app.getByTestId('scenario-summary')).toHaveAttribute('data-passed', 'true');
  await expect(app.getByTestId('scenario-summary')).toHaveText('greeting: all 4 steps passed');
  await expect(steps(app)).toHaveCount(4);
  for (const status of await steps(app).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status'))))
    expect(status).toBe('pass');
  await expect(steps(app).nth(1).getByTestId('scenario-step-label')).toHaveText('hello: send "hello\\n"');
  const expectRow = steps(app).nth(2);
  await expect(expectRow.getByTestId('scenario-step-label')).toHaveText('expect /^thank you/');
  await expect(expectRow.getByTestId('scenario-received-text')).toHaveText(THANKS);
  await expect(expectRow.getByTestId('scenario-received-hex')).toHaveText('74 68 61 6E 6B 20 79 6F 75 20 21');

  // Sent through the session: the server got it, the log shows it, and the session is as the user left it.
  expect((await server.line('RECV'))[3]).toBe(hexOf('hello\n'));
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');
  await app.getByTestId('tab-log').click();
  await expect(logRows(app, 'out').first().getByTestId('log-data')).toContainText('hello');
  await expect(logRows(app, 'in').first().getByTestId('log-data')).toHaveText(THANKS);
  // Back on the tab, the file and the outcome are still there.
  await app.getByTestId('tab-scenario').click();
  await expect(app.getByTestId('scenario-text')).toHaveValue(GREETING);
  await expect(app.getByTestId('scenario-summary')).toHaveAttribute('data-passed', 'true');
});

test('a pasted scenario whose expect does not match: that step fails showing what arrived, the rest is skipped; in Chinese too', async ({
  app,
  peer,
}, testInfo) => {
  await connectedClient(app, peer, THANKS);
  await app.getByTestId('scenario-text').fill(WRONG);
  await app.getByTestId('scenario-run').click();
  const summary = app.getByTestId('scenario-summary');
  await expect(summary).toHaveAttribute('data-passed', 'false');
  await expect(summary).toHaveText('strict: 1 passed, 1 failed, 1 skipped');
  await expect(steps(app).nth(0)).toHaveAttribute('data-status', 'pass');
  const failed = steps(app).nth(1);
  await expect(failed).toHaveAttribute('data-status', 'fail');
  await expect(failed.getByTestId('scenario-step-detail')).toHaveAttribute('data-code', 'NO_MATCH');
  await expect(failed.getByTestId('scenario-step-detail')).toHaveText(
    'No reply matching /^OK/ within 800 ms; received: "thank you !".',
  );
  await expect(failed.getByTestId('scenario-received-text')).toHaveText(THANKS);
  await expect(failed.getByTestId('scenario-received-hex')).toHaveText('74 68 61 6E 6B 20 79 6F 75 20 21');
  await expect(steps(app).nth(2)).toHaveAttribute('data-status', 'skip');
  await app.screenshot({ path: testInfo.outputPath('scenario-failed.en.png') });

  // The Chinese UI: main words the details in Chinese, the tab its own texts.
  await useLanguage(app, 'zh-CN');
  await expect(app.getByTestId('tab-scenario')).toHaveText('场景');
  await app.getByTestId('scenario-run').click();
  await expect(app.getByTestId('scenario-running')).toBeHidden();
  await expect(summary).toHaveText('strict：通过 1 个，失败 1 个，跳过 1 个');
  await expect(steps(app).nth(0).getByTestId('scenario-step-detail')).toHaveText('6 字节');
  await expect(steps(app).nth(1).getByTestId('scenario-step-status')).toHaveText('失败');
  await expect(steps(app).nth(1).getByTestId('scenario-step-detail')).toHaveText(
    '800 毫秒内没有收到匹配 /^OK/ 的回复；收到的是："thank you !"。',
  );
  await expect(steps(app).nth(2).getByTestId('scenario-step-status')).toHaveText('跳过');
  await app.screenshot({ path: testInfo.outputPath('scenario-failed.zh-CN.png') });
});

test('a malformed scenario is refused in words before anything is sent; a long wait can be cancelled', async ({
  app,
  peer,
}) => {
  const server = await connectedClient(app, peer, THANKS);
  await app.getByTestId('scenario-text').fill('steps: [{expect: {regx: 1}}]');
  await app.getByTestId('scenario-run').click();
  await expect(app.getByTestId('scenario-error')).toHaveAttribute('data-code', 'BAD_SCENARIO');
  await expect(app.getByTestId('scenario-error')).toContainText('is not valid');
  await expect(app.getByTestId('scenario-step')).toHaveCount(0);

  const json = JSON.stringify({
    name: 'patient',
    timeout: 60000,
    steps: [{ send: 'x' }, { expect: 'never' }],
  });
  await app.getByTestId('scenario-format').selectOption('json');
  await app.getByTestId('scenario-text').fill(json);
  await app.getByTestId('scenario-run').click();
  await expect(app.getByTestId('scenario-error')).toBeHidden();
  await expect(app.getByTestId('scenario-running')).toBeVisible();
  // The send went out: the run is waiting for a reply that will never match.
  expect((await server.line('RECV'))[3]).toBe(hexOf('x'));
  // What the user types meanwhile is theirs: the run's answer does not put the old text back.
  await app.getByTestId('scenario-text').fill(`${json}\n`);
  await app.getByTestId('scenario-cancel').click();
  await expect(app.getByTestId('scenario-summary')).toHaveAttribute('data-cancelled', 'true');
  await expect(app.getByTestId('scenario-summary')).toHaveAttribute('data-passed', 'false');
  await expect(steps(app).nth(1)).toHaveAttribute('data-status', 'skip');
  await expect(app.getByTestId('scenario-run')).toBeEnabled();
  await expect(app.getByTestId('scenario-text')).toHaveValue(`${json}\n`);
});

test('on a UDP session the scenario sends to the composer’s destination, prefilled in the tab', async ({
  app,
  peer,
}) => {
  const receiver = peer('udp_recv.py', ['--reply', hexOf(THANKS)]);
  const [, port] = await receiver.line('READY');
  await openUdp(app);
  await app.getByTestId('composer-host').fill('127.0.0.1');
  await app.getByTestId('composer-port').fill(port ?? '');
  await app.getByTestId('tab-scenario').click();
  await expect(app.getByTestId('scenario-host')).toHaveValue('127.0.0.1');
  await expect(app.getByTestId('scenario-port')).toHaveValue(port ?? '');
  // The file's target is not where this session talks: the destination shown wins.
  const text = [
    'targets: [127.0.0.1:9]',
    'protocol: udp',
    'steps:',
    '  - send: "ping"',
    '  - expect: "thank"',
    '',
  ];
  await app.getByTestId('scenario-text').fill(text.join('\n'));
  await app.getByTestId('scenario-run').click();
  await expect(app.getByTestId('scenario-summary')).toHaveAttribute('data-passed', 'true');
  expect((await receiver.line('RECV'))[3]).toBe(hexOf('ping'));
  await expect(steps(app).nth(1).getByTestId('scenario-received-text')).toHaveText(THANKS);

  // A wrong port is said before anything is sent.
  await app.getByTestId('scenario-port').fill('70000');
  await app.getByTestId('scenario-run').click();
  await expect(app.getByTestId('scenario-error')).toHaveAttribute('data-code', 'BAD_PORT');
});
