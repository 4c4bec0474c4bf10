/**
 * Control characters made visible instead of swallowed: C0 controls become
 * their Unicode "control picture" (␍ ␊ ␀ …), DEL becomes ␡.
 */
export function visibleControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code === 0x7f ? '\u2421' : String.fromCharCode(0x2400 + code);
  });
}
