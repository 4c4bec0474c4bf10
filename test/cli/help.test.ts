import { describe, expect, it } from 'vitest';
import { EXPECT_OPTIONS } from '../../src-main/cli/commands/expect';
import { FLOOD_OPTIONS } from '../../src-main/cli/commands/flood';
import { LISTEN_OPTIONS } from '../../src-main/cli/commands/listen';
import { RUN_OPTIONS } from '../../src-main/cli/commands/run';
import { SEND_OPTIONS } from '../../src-main/cli/commands/send';
import { EXIT } from '../../src-main/cli/io';
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

  it('an unknown command is a usage error (exit 2), in words', async () => {
    const { code, err } = await cli(['sned']);
    expect(code).toBe(EXIT.USAGE);
    expect(err).toMatch(/^error BAD_ARGS: .*unknown command "sned"/);
  });
});
