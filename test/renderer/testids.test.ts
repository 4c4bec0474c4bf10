import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every literal test id the renderer renders (data-testid="…", testId="…", testId: '…'). */
function renderedIds(): Set<string> {
  const ids = new Set<string>();
  const pattern = /(?:data-testid|testId)(?:=|: )["'`]([a-z0-9-]+)["'`]/g;
  for (const file of sources('src-renderer/src')) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) ids.add(match[1] as string);
  }
  return ids;
}

describe('e2e/TESTIDS.md', () => {
  it('lists every test id the UI renders', () => {
    const listed = readFileSync('e2e/TESTIDS.md', 'utf8');
    const ids = renderedIds();
    expect(ids.size).toBeGreaterThan(40);
    const missing = [...ids].filter((id) => !listed.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });
});
