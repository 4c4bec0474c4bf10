import type { StepResult } from './scenario-runner';

const escapeXml = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[<>&"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) =>
    c === '<'
      ? '&lt;'
      : c === '>'
        ? '&gt;'
        : c === '&'
          ? '&amp;'
          : c === '"'
            ? '&quot;'
            : c === "'"
              ? '&apos;'
              : '',
  );

/** JUnit XML as CI servers read it: one testsuite per target, one testcase per step. */
export function junitXml(scenarioName: string, results: StepResult[]): string {
  const byTarget = new Map<string, StepResult[]>();
  for (const r of results) byTarget.set(r.target.name, [...(byTarget.get(r.target.name) ?? []), r]);
  const suites = [...byTarget].map(([target, steps]) => {
    const failures = steps.filter((s) => s.status === 'fail').length;
    const skipped = steps.filter((s) => s.status === 'skip').length;
    const time = steps.reduce((t, s) => t + s.seconds, 0);
    const cases = steps.map((s) => {
      const head = `    <testcase classname="${escapeXml(`${scenarioName}.${target}`)}" name="${escapeXml(`${s.index + 1}. ${s.label}`)}" time="${s.seconds.toFixed(3)}"`;
      if (s.status === 'fail')
        return `${head}>\n      <failure type="${escapeXml(s.code ?? 'FAILED')}" message="${escapeXml(s.detail)}"/>\n    </testcase>`;
      if (s.status === 'skip') return `${head}>\n      <skipped/>\n    </testcase>`;
      return `${head}/>`;
    });
    return `  <testsuite name="${escapeXml(`${scenarioName} @ ${target}`)}" tests="${steps.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escapeXml(scenarioName)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
