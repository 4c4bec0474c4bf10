import type { BridgeError, ScenarioRunArgs } from '../../../../src-shared/contract';

/** scenario.run refuses a longer text; a bigger file is refused before it is read into the page. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

/** The command line's rule: YAML when the name ends in .yaml/.yml, else JSON. */
export function formatOfFile(name: string): 'yaml' | 'json' {
  return /\.ya?ml$/i.test(name) ? 'yaml' : 'json';
}

/** Main words a step's details in the UI's language. */
export function scenarioLang(language: string | undefined): 'en' | 'zh-CN' {
  return language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * A UDP destination as typed: both empty means the file's first target;
 * otherwise a host and a port 1…65535, said before anything is sent.
 */
export function udpDestination(
  host: string,
  port: string,
): { ok: true; value: Pick<ScenarioRunArgs, 'host' | 'port'> } | { ok: false; error: BridgeError } {
  const h = host.trim();
  const p = port.trim();
  if (!h && !p) return { ok: true, value: {} };
  if (!h) return { ok: false, error: { code: 'BAD_HOST', message: 'Enter a host name or an IP address.' } };
  const n = /^\d{1,5}$/.test(p) ? Number(p) : NaN;
  if (!(n >= 1 && n <= 65535))
    return {
      ok: false,
      error: {
        code: 'BAD_PORT',
        message: 'Port must be a whole number from 1 to 65535.',
        params: { min: 1 },
      },
    };
  return { ok: true, value: { host: h, port: n } };
}
