import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src-shared/commands';
import type { CommandName, Result } from '../../src-shared/contract';
import { typedApi } from '../../src-renderer/src/bridge/typed-api';

describe('the typed API over one transport', () => {
  it('has one function per contract command, each a call by that name with the arguments as given', async () => {
    const calls: [CommandName, unknown][] = [];
    const api = typedApi({
      call: (name, args): Promise<Result<unknown>> => {
        calls.push([name, args]);
        return Promise.resolve({ ok: true, value: { echoed: name } });
      },
    });
    expect(Object.keys(api).sort()).toEqual([...COMMAND_NAMES].sort());
    const result = await api['udp.open']({ bind: true, address: '127.0.0.1', port: 7788 });
    expect(result).toEqual({ ok: true, value: { echoed: 'udp.open' } });
    await api['session.close']({ sessionId: 's1' });
    expect(calls).toEqual([
      ['udp.open', { bind: true, address: '127.0.0.1', port: 7788 }],
      ['session.close', { sessionId: 's1' }],
    ]);
  });
});
