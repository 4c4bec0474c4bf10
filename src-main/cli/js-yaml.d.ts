// js-yaml ships no types; the command line uses only load().
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
