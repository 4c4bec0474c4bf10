import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HELP_OPTION, parse, targetOf } from '../args';
import { CliError, EXIT, usage, type CliIo, type ExitCode } from '../io';
import { junitXml } from '../junit';
import { parseScenario } from '../scenario';
import { runTarget, type StepResult } from '../scenario-runner';
import { textsFor } from '../texts';

export const RUN_OPTIONS = {
  ...HELP_OPTION,
  target: { type: 'string', short: 't', multiple: true },
  junit: { type: 'string' },
} as const;

/** run SCENARIO: every step against every target, a line each, a summary, and optionally JUnit XML. */
export async function run(argv: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(argv, RUN_OPTIONS);
  const [file, ...extra] = positionals;
  if (file === undefined) throw usage('give the scenario file: run SCENARIO');
  if (extra.length > 0) throw usage(`unexpected "${extra.join(' ')}"`);
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (err) {
    throw new CliError(
      'FILE_READ_FAILED',
      { name: file, detail: err instanceof Error ? err.message : String(err) },
      EXIT.USAGE,
    );
  }
  const scenario = await parseScenario(text, file);
  if (values.target?.length) scenario.targets = values.target.map((t) => ({ ...targetOf(t), name: t }));
  if (scenario.targets.length === 0)
    throw usage('the scenario has no targets: add "targets" or --target HOST:PORT');
  const t = textsFor(io.lang);
  const all: StepResult[] = [];
  let passed = 0;
  for (const target of scenario.targets) {
    const results = await runTarget(scenario, target, io, (r) => {
      const detail = r.detail ? `  ${r.code ? `${r.code}: ` : ''}${r.detail}` : '';
      io.out(`${t[r.status]}  ${r.target.name}  ${r.index + 1}. ${r.label}${detail}`);
    });
    all.push(...results);
    if (results.every((r) => r.status === 'pass')) passed += 1;
  }
  const failed = scenario.targets.length - passed;
  io.out(t.summary({ name: scenario.name, targets: scenario.targets.length, passed, failed }));
  if (values.junit !== undefined) writeFileSync(resolve(io.cwd, values.junit), junitXml(scenario.name, all));
  return failed === 0 ? EXIT.OK : EXIT.FAILED;
}
