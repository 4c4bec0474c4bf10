import type { Page } from '@playwright/test';
import { expect, hexOf, test } from './support/fixtures';
import { openUdp } from './support/ui';

/** The newest row in sight, but for a sub-pixel rounding of the scroll offset (clipping by the log's scroll area counts). */
const newest = (app: Page, seq: number) =>
  expect(app.locator(`[data-testid="log-row"][data-seq="${seq}"]`)).toBeInViewport({ ratio: 0.9 });

test('Follow newest stays at the newest row when the view shrinks and when the session is shown again', async ({
  app,
  peer,
}) => {
  const port = await openUdp(app);
  const itemA = app.getByTestId('session-item').filter({ hasText: `127.0.0.1:${port}` });
  const first = peer('udp_send.py', [
    '127.0.0.1',
    String(port),
    hexOf('row'),
    '--count',
    '30',
    '--replies',
    '0',
  ]);
  await first.line('DONE');
  await expect(app.getByTestId('counter-messages-in')).toHaveText('30');
  await newest(app, 30);

  // A second sender: the peer table grows by a row, and the log area shrinks under it.
  const second = peer('udp_send.py', ['127.0.0.1', String(port), hexOf('new peer'), '--replies', '0']);
  await second.line('DONE');
  await expect(app.getByTestId('peer-row')).toHaveCount(2);
  await newest(app, 31);
  await expect(app.getByTestId('log-follow')).toBeChecked();

  // Away to another session and back.
  await openUdp(app);
  await itemA.click();
  await newest(app, 31);
  await expect(app.getByTestId('log-follow')).toBeChecked();

  // The window gets shorter: still at the newest.
  const size = app.viewportSize();
  if (size) await app.setViewportSize({ width: size.width, height: size.height - 120 });
  await newest(app, 31);
});
