import { expect, type Locator, type Page } from '@playwright/test';

/**
 * What a person does in the UI, step by step: open the dialog, type into the
 * fields, press the button. Specs read as the user's actions.
 */

async function submitDialog(page: Page): Promise<void> {
  await page.getByTestId('dialog-submit').click();
  await expect(page.getByTestId('dialog-new-session')).toBeHidden();
}

/** The port the selected session's local address ends with. */
export async function localPort(page: Page): Promise<number> {
  const text = (await page.getByTestId('session-local').textContent()) ?? '';
  const port = Number(/:(\d+)$/.exec(text)?.[1]);
  expect(port, `local address "${text}"`).toBeGreaterThan(0);
  return port;
}

export async function openTcpServer(page: Page, address = '127.0.0.1', port = '0'): Promise<number> {
  await page.getByTestId('new-tcp-server').click();
  await page.getByTestId('tcp-server-address').fill(address);
  await page.getByTestId('tcp-server-port').fill(port);
  await submitDialog(page);
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'listening');
  return localPort(page);
}

export async function openUdp(page: Page, address = '127.0.0.1', port = '0'): Promise<number> {
  await page.getByTestId('new-udp').click();
  await page.getByTestId('udp-bind-mode').selectOption('bind');
  await page.getByTestId('udp-local-address').fill(address);
  await page.getByTestId('udp-local-port').fill(port);
  await submitDialog(page);
  await expect(page.getByTestId('session-state')).toHaveAttribute('data-state', 'bound');
  return localPort(page);
}

export async function connectTcp(page: Page, host: string, port: number): Promise<void> {
  await page.getByTestId('new-tcp-client').click();
  await page.getByTestId('tcp-client-host').fill(host);
  await page.getByTestId('tcp-client-port').fill(String(port));
  await submitDialog(page);
}

/** Type into the composer and press Send (or Send to all, on a server). */
export async function send(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer-input').fill(text);
  const button = page.getByTestId('composer-send').or(page.getByTestId('composer-send-all'));
  await button.click();
  await expect(page.getByTestId('composer-sent')).toBeVisible();
}

/** Log rows of the selected session, received (in) or sent (out). */
export function logRows(page: Page, dir?: 'in' | 'out'): Locator {
  const rows = page.getByTestId('log-row');
  return dir ? rows.and(page.locator(`[data-dir="${dir}"]`)) : rows;
}
