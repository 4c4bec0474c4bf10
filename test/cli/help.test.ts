import { describe, expect, it } from 'vitest';
import { EXPECT_OPTIONS } from '../../src-main/cli/commands/expect';
import { FLOOD_OPTIONS } from '../../src-main/cli/commands/flood';
import { LISTEN_OPTIONS } from '../../src-main/cli/commands/listen';
import { RUN_OPTIONS } from '../../src-main/cli/commands/run';
import { SEND_OPTIONS } from '../../src-main/cli/commands/send';
import { EXIT, langFromEnv } from '../../src-main/cli/io';
import { cli } from './run-cli';

const COMMANDS = {
  send: SEND_OPTIONS,
  listen: LISTEN_OPTIONS,
  expect: EXPECT_OPTIONS,
  flood: FLOOD_OPTIONS,
  run: RUN_OPTIONS,
};

describe('socket-workbench --help', () => {
  it('names every command, and the exit statuses', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(EXIT.OK);
    for (const name of Object.keys(COMMANDS)) expect(out).toMatch(new RegExp(`^ {2}${name} `, 'm'));
    expect(out).toMatch(/Exit status:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 /);
  });

  it.each(Object.entries(COMMANDS))(
    'documents every flag of %s, with its short form',
    async (name, options) => {
      const { code, out } = await cli([name, '--help']);
      expect(code).toBe(EXIT.OK);
      for (const [flag, spec] of Object.entries(options)) {
        const short = 'short' in spec ? `-${spec.short}, ` : '';
        expect(out, `--${flag}`).toContain(`${short}--${flag}`);
      }
      expect(out).toContain('Exit status:');
    },
  );

  it('is in Chinese for a Chinese locale: every command, every flag, the exit statuses', async () => {
    const main = await cli(['--help'], 'zh-CN');
    expect(main.code).toBe(EXIT.OK);
    expect(main.out).toContain('用法：socket-workbench 命令');
    for (const name of Object.keys(COMMANDS)) expect(main.out).toMatch(new RegExp(`^ {2}${name} `, 'm'));
    expect(main.out).toMatch(/退出状态：\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 /);
    for (const [name, options] of Object.entries(COMMANDS)) {
      const { out } = await cli([name, '--help'], 'zh-CN');
      expect(out).toMatch(/^用法：/);
      for (const [flag, spec] of Object.entries(options)) {
        const short = 'short' in spec ? `-${spec.short}, ` : '';
        expect(out, `${name} --${flag}`).toContain(`${short}--${flag}`);
      }
      expect(out).toContain('退出状态：');
    }
    // --lang overrides the environment either way.
    expect((await cli(['--help', '--lang', 'en'], 'zh-CN')).out).toContain('Usage: socket-workbench COMMAND');
    expect((await cli(['--lang=zh-CN', 'flood', '--help'])).out).toContain('以稳定的速率发送消息');
  });

  it('takes the language from LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LC_MESSAGES: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: 'zh_CN.GB18030' })).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'C.UTF-8' })).toBe('en');
  });

  it('an unknown command is a usage error (exit 2), in words', async () => {
    const { code, err } = await cli(['sned']);
    expect(code).toBe(EXIT.USAGE);
    expect(err).toMatch(/^error BAD_ARGS: .*unknown command "sned"/);
  });
});
