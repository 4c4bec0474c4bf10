import iconv from 'iconv-lite';
import { expect, test } from './support/fixtures';
import { openUdp } from './support/ui';

/** The bytes a course program gets from `text.encode('gbk')`, in hex. */
const gbk = (text: string): string => iconv.encode(text, 'gbk').toString('hex');

/**
 * One encoding per session, chosen from the UI language and followed by every
 * part: the course's Chinese exercise (a GBK sender waiting for a GBK reply)
 * works without touching an encoding select.
 */
test('in the Chinese UI a new session speaks GBK: the log, the reply, the chat and the Code tab follow it', async ({
  app,
  peer,
}) => {
  await app.getByTestId('language-toggle').click();
  await expect(app.getByTestId('language-toggle')).toHaveText('English');
  const port = await openUdp(app);
  await expect(app.getByTestId('session-encoding')).toHaveValue('gbk');

  // The course's sender: sendto(b'...gbk...'), then recvfrom(1024) and decode('gbk').
  const sender = peer('udp_send.py', ['127.0.0.1', String(port), gbk('你好，服务器'), '--encoding', 'gbk']);
  await sender.line('SENT');
  const row = app.getByTestId('log-row').first();
  await expect(row.getByTestId('log-data')).toHaveText('你好，服务器');

  // Reply to sender: nothing to choose, the reply goes out in the session's GBK.
  await row.click();
  await app.getByTestId('reply-to-sender').click();
  await app.getByTestId('composer-input').fill('谢谢 !');
  await app.getByTestId('composer-send').click();
  const [, , , hex] = await sender.line('RECV');
  expect(hex).toBe(gbk('谢谢 !'));
  // The course's receiver decodes it as GBK: no UnicodeDecodeError, the same words.
  expect((await sender.line('TEXT')).join(' ')).toContain('谢谢 !');

  await app.getByTestId('tab-chat').click();
  await expect(app.getByTestId('chat-message').first()).toContainText('你好，服务器');
  await app.getByTestId('tab-code').click();
  await expect(app.getByTestId('code-view')).toContainText("encode('gbk')");
  await expect(app.getByTestId('code-view')).toContainText("decode('gbk')");
});

test('a part set on its own shows it, and one click puts it back on the session’s encoding; the choice is remembered by address', async ({
  app,
}) => {
  const port = await openUdp(app);
  await expect(app.getByTestId('session-encoding')).toHaveValue('utf-8');
  await expect(app.getByTestId('composer-encoding-follow-session')).toBeHidden();
  await app.getByTestId('composer-encoding').selectOption('big5');
  await app.getByTestId('composer-encoding-follow-session').click();
  await expect(app.getByTestId('composer-encoding')).toHaveValue('utf-8');
  await expect(app.getByTestId('composer-encoding-follow-session')).toBeHidden();

  // The session's encoding moves every part that follows it.
  await app.getByTestId('log-view-mode').selectOption('hex');
  await app.getByTestId('session-encoding').selectOption('gb18030');
  await expect(app.getByTestId('composer-encoding')).toHaveValue('gb18030');
  await expect(app.getByTestId('log-view-mode')).toHaveValue('hex');
  await app.getByTestId('log-view-follow-session').click();
  await expect(app.getByTestId('log-view-mode')).toHaveValue('gb18030');

  // The same address opened again: the same encoding.
  await app.getByTestId('action-close').click();
  await app.getByTestId('action-remove').click();
  await openUdp(app, '127.0.0.1', String(port));
  await expect(app.getByTestId('session-encoding')).toHaveValue('gb18030');
});

test('GBK arriving in a UTF-8 session: the detail says what it looks like, and one click reads it so', async ({
  app,
  peer,
}) => {
  const port = await openUdp(app);
  const text = '服务器收到了你的消息，谢谢';
  const sender = peer('udp_send.py', ['127.0.0.1', String(port), gbk(text), '--replies', '0']);
  await sender.line('DONE');
  await app.getByTestId('log-row').first().click();
  await expect(app.getByTestId('detail-looks-like')).toHaveAttribute('data-likely', 'gbk');
  await app.getByTestId('detail-view-as').click();
  await expect(app.getByTestId('session-encoding')).toHaveValue('gbk');
  await expect(app.getByTestId('log-row').first().getByTestId('log-data')).toHaveText(text);
  await expect(app.getByTestId('detail-looks-like')).toBeHidden();
});
