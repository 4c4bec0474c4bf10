import { describe, expect, it } from 'vitest';
import {
  formatOfFile,
  scenarioLang,
  udpDestination,
} from '../../src-renderer/src/features/scenario/scenario-input';

describe('the Scenario tab’s inputs', () => {
  it('reads the format from the file name as the command line does', () => {
    expect(formatOfFile('grade.yaml')).toBe('yaml');
    expect(formatOfFile('GRADE.YML')).toBe('yaml');
    expect(formatOfFile('grade.json')).toBe('json');
  });

  it('asks main for details in the UI language', () => {
    expect(scenarioLang('zh-CN')).toBe('zh-CN');
    expect(scenarioLang('en')).toBe('en');
    expect(scenarioLang(undefined)).toBe('en');
  });

  it('takes an empty UDP destination as the file’s first target, and refuses a half or a wrong one', () => {
    expect(udpDestination(' ', '')).toEqual({ ok: true, value: {} });
    expect(udpDestination('127.0.0.1', ' 7788 ')).toEqual({
      ok: true,
      value: { host: '127.0.0.1', port: 7788 },
    });
    expect(udpDestination('', '7788')).toMatchObject({ ok: false, error: { code: 'BAD_HOST' } });
    for (const port of ['', '0', '65536', '12a', '1e3'])
      expect(udpDestination('::1', port)).toMatchObject({ ok: false, error: { code: 'BAD_PORT' } });
  });
});
