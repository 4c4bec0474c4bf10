import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { connectTcp, openUdp } from './support/ui';

/**
 * What a send needs is said before Send, not learnt from an error after it;
 * long values stay inside their pane; counts count what is shown.
 */

// Megabytes through the clipboard and a real UDP peer per test: generous on a busy machine (no sleeps).
test.describe.configure({ timeout: 120_000 });

/** Switch to Chinese, check the text, and back. */
async function inChinese(page: Page, locator: Locator, zh: string | RegExp): Promise<void> {
  await page.getByTestId('language-toggle').click();
  await expect(locator).toContainText(zh);
  await page.getByTestId('language-toggle').click();
}

/**
 * Put `unit` × `times` on the clipboard and paste it into the composer with
 * Ctrl+V, as a person would. The text is made in the page: megabytes need
 * not cross the test's connection to the browser.
 */
async function paste(page: Page, unit: string, times: number): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  // The e2e project has no DOM typings: the one browser call used here, typed by hand.
  await page.evaluate(
    ([u, n]) =>
      (
        globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void> } } }
      ).navigator.clipboard.writeText(u.repeat(n)),
    [unit, times] as const,
  );
  await page.getByTestId('composer-input').focus();
  await page.keyboard.press('Control+V');
  // A long paste is held out of the edit box (nothing to lay out); a short one is in the box.
  await expect
    .poll(async () => {
      const held = page.getByTestId('composer-held');
      if (await held.isVisible()) return Number(await held.getAttribute('data-chars'));
      return page
        .getByTestId('composer-input')
        .evaluate((el) => (el as unknown as { value: string }).value.length);
    })
    .toBe(unit.length * times);
}

test('an empty UDP port is said before Send: Send is off, no BAD_PORT round trip', async ({ app, peer }) => {
  const receiver = peer('udp_count.py', ['--host', '127.0.0.1', '--count', '1', '--timeout', '20']);
  const [, receiverPort] = await receiver.line('READY');
  await openUdp(app);
  const port = app.getByTestId('composer-port');
  await expect(port).toHaveValue('');
  // A placeholder is a hint, not something that looks like a port.
  expect(await port.getAttribute('placeholder')).not.toMatch(/\d/);

  await app.getByTestId('composer-input').fill('hello');
  const send = app.getByTestId('composer-send');
  const blocked = app.getByTestId('composer-blocked');
  await expect(send).toBeDisabled();
  await expect(blocked).toHaveAttribute('data-reason', 'no-port');
  await expect(blocked).toContainText('Enter the port');
  await inChinese(app, blocked, '请填写要发往的端口');
  await expect(app.getByTestId('composer-error')).toHaveCount(0);

  await port.fill('70000');
  await expect(blocked).toHaveAttribute('data-reason', 'bad-port');
  await expect(send).toBeDisabled();

  await port.fill(receiverPort ?? '');
  await expect(blocked).toHaveCount(0);
  await send.click();
  await expect(app.getByTestId('composer-sent')).toBeVisible();
  await receiver.line('COUNT');
});

test('a UDP message over 65,507 bytes (IPv4) or 65,527 (IPv6) is refused in the preview, before Send', async ({
  app,
  peer,
}) => {
  const receiver = peer('udp_count.py', ['--host', '127.0.0.1', '--count', '1', '--timeout', '30']);
  const [, receiverPort] = await receiver.line('READY');
  await openUdp(app);
  await app.getByTestId('composer-port').fill(receiverPort ?? '');
  await paste(app, 'a', 65_508);

  const blocked = app.getByTestId('composer-blocked');
  const send = app.getByTestId('composer-send');
  await expect(blocked).toHaveAttribute('data-reason', 'too-big');
  await expect(blocked).toHaveAttribute('data-limit', '65507');
  await expect(blocked).toContainText('65,508 bytes');
  await expect(blocked).toContainText('IPv4 carries at most 65,507');
  await inChinese(app, blocked, '超出一个 UDP 数据报的容量');
  await expect(send).toBeDisabled();
  await expect(app.getByTestId('composer-error')).toHaveCount(0);

  // One byte less fits, and the OS takes it whole.
  await app.getByTestId('composer-input').press('End');
  await app.getByTestId('composer-input').press('Backspace');
  await expect(blocked).toHaveCount(0);
  await send.click();
  await expect(app.getByTestId('composer-sent')).toContainText('65,507');
  const [, datagrams, bytes] = await receiver.line('COUNT');
  expect([datagrams, bytes]).toEqual(['1', '65507']);
});

test('an IPv6 destination allows 65,527 bytes and not one more', async ({ app, peer }) => {
  const receiver = peer('udp_count.py', ['--host', '::1', '--count', '1', '--timeout', '30']);
  const [, receiverPort] = await receiver.line('READY');
  await openUdp(app, '::1', '0');
  await app.getByTestId('composer-host').fill('::1');
  await app.getByTestId('composer-port').fill(receiverPort ?? '');
  await paste(app, 'a', 65_528);
  const blocked = app.getByTestId('composer-blocked');
  await expect(blocked).toHaveAttribute('data-limit', '65527');
  await expect(blocked).toContainText('IPv6 carries at most 65,527');
  await app.getByTestId('composer-input').press('End');
  await app.getByTestId('composer-input').press('Backspace');
  await expect(blocked).toHaveCount(0);
  await app.getByTestId('composer-send').click();
  await expect(app.getByTestId('composer-sent')).toContainText('65,527');
  const [, , bytes] = await receiver.line('COUNT');
  expect(bytes).toBe('65527');
});

test('a megabyte paste keeps the preview and the Code tab small, and says the datagram limit', async ({
  app,
}) => {
  await openUdp(app);
  await app.getByTestId('composer-port').fill('9');
  await paste(app, `${'x'.repeat(79)}\n`, 12_500);
  const preview = app.getByTestId('composer-preview');
  await expect(preview).toHaveAttribute('data-bytes', '1000000');
  await expect(preview).toHaveAttribute('data-settled', 'true');
  expect(((await preview.textContent()) ?? '').length).toBeLessThan(1000);
  await expect(app.getByTestId('composer-blocked')).toContainText('1,000,000 bytes');
  await expect(app.getByTestId('composer-send')).toBeDisabled();

  // The program does not spell out a megabyte: it says so and sends an example.
  await app.getByTestId('tab-code').click();
  await expect(app.getByTestId('code-example')).toHaveAttribute('data-too-long', 'true');
  expect(((await app.getByTestId('code-text').textContent()) ?? '').length).toBeLessThan(20_000);
});

test('a 10 MB paste is held out of the edit box: typing stays free, Send sends every byte, Clear and Edit work', async ({
  app,
  peer,
}) => {
  // Reads until we close, so the session stays open for the rest of the test.
  const sink = peer('tcp_sink.py', ['--timeout', '150']);
  const [, sinkPort] = await sink.line('READY');
  await connectTcp(app, '127.0.0.1', Number(sinkPort));
  await expect(app.getByTestId('session-state')).toHaveAttribute('data-state', 'connected');
  await paste(app, `${'y'.repeat(99)}\n`, 100_000);
  const held = app.getByTestId('composer-held');
  await expect(held).toContainText('10,000,000 characters');
  // Nothing of it is laid out in a textarea: the page holds no 10 MB element to re-lay at each key.
  await expect(app.getByTestId('composer-input')).toHaveCount(0);
  expect(((await held.textContent()) ?? '').length).toBeLessThan(2000);
  await expect(app.getByTestId('composer-preview')).toHaveAttribute('data-bytes', '10000000');
  await inChinese(app, held, '10,000,000 个字符');

  await app.getByTestId('composer-send').click();
  await expect(app.getByTestId('counter-bytes-out')).toHaveText('10,000,000');

  // Clear gives the edit box back, empty; a short paste goes into it as usual.
  await app.getByTestId('composer-held-clear').click();
  await expect(app.getByTestId('composer-input')).toHaveValue('');
  await paste(app, 'abc', 3);
  await expect(app.getByTestId('composer-input')).toHaveValue('abcabcabc');
  // Edit in the box is the user's choice: the held text goes into it.
  await app.getByTestId('composer-input').fill('');
  await paste(app, 'z', 250_000);
  await app.getByTestId('composer-held-edit').click();
  await expect
    .poll(() =>
      app.getByTestId('composer-input').evaluate((el) => (el as unknown as { value: string }).value.length),
    )
    .toBe(250_000);
  // Everything Send sent arrived, and nothing else: the peer counts the stream when we close.
  await app.getByTestId('action-close').click();
  const [, bytes] = await sink.line('BYTES');
  expect(bytes).toBe('10000000');
});

test('a 207-character host name and its ENOTFOUND stay inside the session pane', async ({ app }) => {
  // .invalid is never a real name (RFC 6761), as in tcp.spec's ENOTFOUND test; labels stay within 63.
  const host = `${'a'.repeat(50)}.${'b'.repeat(50)}.${'c'.repeat(50)}.${'d'.repeat(46)}.invalid`;
  expect(host).toHaveLength(207);
  await connectTcp(app, host, 7);
  const error = app.getByTestId('session-error');
  await expect(error).toHaveAttribute('data-code', 'ENOTFOUND');

  const pane = await app.getByTestId('session-view').boundingBox();
  expect(pane).not.toBeNull();
  const inside = async (locator: Locator, what: string): Promise<void> => {
    const box = await locator.boundingBox();
    expect(box, what).not.toBeNull();
    if (!box || !pane) return;
    expect(box.x, `${what} left`).toBeGreaterThanOrEqual(pane.x - 0.5);
    expect(box.x + box.width, `${what} right`).toBeLessThanOrEqual(pane.x + pane.width + 0.5);
  };
  const remote = app.getByTestId('session-remote');
  await inside(remote, 'REMOTE value');
  await inside(error, 'ENOTFOUND notice');
  await inside(app.getByTestId('session-title'), 'title');
  // Cut, but whole on hover.
  expect(await remote.getAttribute('title')).toContain(host);
  await expect(app.getByTestId('session-title')).toHaveAttribute('title', new RegExp(host));

  const sidebar = await app.locator('.sidebar').boundingBox();
  const item = await app.getByTestId('session-item').first().boundingBox();
  expect(item && sidebar && item.x + item.width <= sidebar.x + sidebar.width + 0.5).toBe(true);

  await app.getByTestId('tab-timeline').click();
  const steps = app.getByTestId('timeline-step');
  await expect(steps.first()).toBeVisible();
  for (const step of await steps.all())
    await inside(step, `lifecycle step ${await step.getAttribute('data-step')}`);
});

test('the network view counts the rows its filters leave', async ({ app }) => {
  await app.getByTestId('nav-network').click();
  const rows = app.getByTestId('port-row');
  const count = app.getByTestId('ports-source');
  const fmt = (n: number): string => new Intl.NumberFormat('en-US').format(n);

  await app.getByTestId('ports-show').selectOption('all');
  await expect(rows.first()).toBeVisible();
  const total = await rows.count();
  await expect(count).toContainText(`${fmt(total)} of ${fmt(total)}`);

  // This page's own WebSocket to the shell is a connected socket: "Listening" shows fewer rows.
  await app.getByTestId('ports-show').selectOption('listening');
  await expect.poll(() => rows.count()).toBeLessThan(total);
  const listening = await rows.count();
  await expect(count).toContainText(`${fmt(listening)} of ${fmt(total)}`);

  await app.getByTestId('ports-filter').fill('no-such-socket');
  await expect(rows).toHaveCount(0);
  await expect(count).toContainText(`0 of ${fmt(total)}`);
});
