import { extname } from 'node:path';
import { z } from 'zod';
import { CHECKSUMS } from '../../src-shared/codec/checksum';
import { ENCODINGS } from '../../src-shared/codec/encodings';
import { targetOf, type Target } from './args';
import { CliError, EXIT } from './io';

/**
 * A scenario: steps run against each target in turn (a class's servers).
 * The schema is the documentation's, checked before anything is sent, so a
 * typo is a usage error naming the step, never a half-run.
 */
const encoding = z.enum(ENCODINGS.map((e) => e.id) as [string, ...string[]]);
const checksum = z.enum(CHECKSUMS.map((c) => c.id) as [string, ...string[]]);
const name = z.string().optional();

const sendBody = z
  .object({
    text: z.string().optional(),
    hex: z.string().optional(),
    escapes: z.boolean().optional(),
    encoding: encoding.optional(),
    checksum: checksum.optional(),
    eol: z.enum(['none', 'lf', 'crlf', 'cr']).optional(),
  })
  .strict()
  .refine(
    (s) => (s.text === undefined) !== (s.hex === undefined),
    'a send needs exactly one of "text" or "hex"',
  );

const expectBody = z
  .object({
    regex: z.string().optional(),
    hex: z.string().optional(),
    timeout: z.number().positive().optional(),
  })
  .strict()
  .refine(
    (s) => (s.regex === undefined) !== (s.hex === undefined),
    'an expect needs exactly one of "regex" or "hex"',
  );

const step = z.union([
  z.object({ name, connect: z.union([z.literal(true), z.object({}).strict()]) }).strict(),
  z.object({ name, send: z.union([z.string(), sendBody]) }).strict(),
  z.object({ name, expect: z.union([z.string(), expectBody]) }).strict(),
  z.object({ name, sleep: z.number().nonnegative().max(600_000) }).strict(),
  z.object({ name, close: z.literal(true) }).strict(),
]);

const target = z.union([
  z.string(),
  z
    .object({ name: z.string().optional(), host: z.string(), port: z.number().int().min(1).max(65535) })
    .strict(),
]);

const scenarioSchema = z
  .object({
    name: z.string().optional(),
    protocol: z.enum(['udp', 'tcp']).default('tcp'),
    encoding: encoding.default('utf-8'),
    /** Default expect timeout, ms. */
    timeout: z.number().positive().default(2000),
    targets: z.array(target).default([]),
    steps: z.array(step).min(1),
  })
  .strict();

export type ScenarioStep =
  | { kind: 'connect'; name?: string }
  | {
      kind: 'send';
      name?: string;
      text?: string;
      hex?: string;
      escapes: boolean;
      encoding?: string;
      checksum: string;
      eol: string;
    }
  | { kind: 'expect'; name?: string; regex?: string; hex?: string; timeout?: number }
  | { kind: 'sleep'; name?: string; ms: number }
  | { kind: 'close'; name?: string };

export interface NamedTarget extends Target {
  name: string;
}

export interface Scenario {
  name: string;
  protocol: 'udp' | 'tcp';
  encoding: string;
  timeout: number;
  targets: NamedTarget[];
  steps: ScenarioStep[];
}

/** YAML is parsed only when asked for; JSON needs nothing beyond the platform. */
async function parseYaml(text: string): Promise<unknown> {
  const yaml = await import('js-yaml');
  return yaml.load(text);
}

export async function parseScenario(text: string, file: string): Promise<Scenario> {
  const bad = (detail: string): CliError => new CliError('BAD_SCENARIO', { file, detail }, EXIT.USAGE);
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(extname(file)) ? await parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw bad(err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err));
  }
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw bad(`${where}${issue?.message ?? 'invalid'}`);
  }
  const s = parsed.data;
  let targets: NamedTarget[];
  try {
    targets = s.targets.map((t) => {
      if (typeof t === 'string') return { ...targetOf(t), name: t };
      return { host: t.host, port: t.port, name: t.name ?? `${t.host}:${t.port}` };
    });
  } catch (err) {
    throw bad(err instanceof CliError ? String(err.params.detail ?? err.code) : String(err));
  }
  return {
    name: s.name ?? file,
    protocol: s.protocol,
    encoding: s.encoding,
    timeout: s.timeout,
    targets,
    steps: s.steps.map(stepOf),
  };
}

function stepOf(raw: z.infer<typeof step>): ScenarioStep {
  const name = raw.name;
  if ('connect' in raw) return { kind: 'connect', name };
  if ('sleep' in raw) return { kind: 'sleep', name, ms: raw.sleep };
  if ('close' in raw) return { kind: 'close', name };
  if ('send' in raw) {
    const s = typeof raw.send === 'string' ? { text: raw.send, escapes: true } : raw.send;
    return {
      kind: 'send',
      name,
      text: s.text,
      hex: s.hex,
      // A JSON string already turns \n into a line break; escapes are for \xNN and the like.
      escapes: s.escapes ?? true,
      encoding: s.encoding,
      checksum: s.checksum ?? 'none',
      eol: s.eol ?? 'none',
    };
  }
  const e = typeof raw.expect === 'string' ? { regex: raw.expect } : raw.expect;
  return {
    kind: 'expect',
    name,
    regex: e.regex,
    hex: e.hex,
    timeout: 'timeout' in e ? e.timeout : undefined,
  };
}
