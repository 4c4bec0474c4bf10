import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The renderer's house rule, checked by ESLint in `npm test`: a component never reaches main by itself. */
async function errorsOf(code: string, filePath: string): Promise<string[]> {
  const [result] = await new ESLint().lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('renderer layers', () => {
  it('a component that imports the bridge fails the lint', async () => {
    const code = [
      "import { useBridge } from '../../bridge/bridge-context';",
      'export function Bad() {',
      "  void useBridge().api['session.close']({ sessionId: 's1' });",
      '  return null;',
      '}',
    ].join('\n');
    expect(await errorsOf(code, 'src-renderer/src/features/log/Bad.tsx')).toHaveLength(1);
    expect(await errorsOf(code, 'src-renderer/src/ui/Bad.tsx')).toHaveLength(1);
  });

  it('a component that imports Node or main fails too', async () => {
    const code = "import { createSocket } from 'node:dgram';\nexport const x = createSocket;\n";
    expect(await errorsOf(code, 'src-renderer/src/features/log/Bad.tsx')).toHaveLength(1);
  });

  it("a feature's actions hook may use the bridge, and a component its actions", async () => {
    const hook =
      "import { useBridge } from '../../bridge/bridge-context';\nexport const useX = () => useBridge();\n";
    expect(await errorsOf(hook, 'src-renderer/src/features/log/use-log-actions.ts')).toEqual([]);
    const component =
      "import { useLogActions } from './use-log-actions';\nexport function Good() {\n  useLogActions();\n  return null;\n}\n";
    expect(await errorsOf(component, 'src-renderer/src/features/log/Good.tsx')).toEqual([]);
  });
});
