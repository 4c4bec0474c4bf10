/**
 * String literals for generated source. Printable characters (Chinese
 * included) stay as they are, so the program reads like one a person typed;
 * control characters become escapes so the literal is exactly the text.
 */
function escapeChar(ch: string, quote: string): string {
  switch (ch) {
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case quote:
      return `\\${quote}`;
  }
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  // Line and paragraph separators end a line in JavaScript source.
  if (code === 0x2028 || code === 0x2029) return `\\u${code.toString(16)}`;
  return ch;
}

/** A single-quoted literal, valid in both Python 3 and JavaScript. */
export function quote(text: string): string {
  return `'${Array.from(text, (ch) => escapeChar(ch, "'")).join('')}'`;
}

/** Python's `b'...'`: printable ASCII as itself, every other byte as \xNN, exactly the bytes. */
export function pythonBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (b >= 0x20 && b < 0x7f) out += ch;
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `b'${out}'`;
}

/** Node's `Buffer.from([0x48, 0x65])`: the bytes, one by one. */
export function nodeBytes(bytes: Uint8Array): string {
  return `Buffer.from([${Array.from(bytes, (b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')}])`;
}

/**
 * Above a bind() of a fixed port: the session the program was made from holds
 * that port, and a second socket cannot bind it (EADDRINUSE) while it does.
 */
export const samePortNote = (port: number): string =>
  `注意：工作台里的这个会话正占用端口 ${port}，先关闭它再运行本程序 / this session holds port ${port} in the workbench: close it before you run this program`;
