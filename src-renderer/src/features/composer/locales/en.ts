/** The send box: composer, periodic send, file send, saved messages. English; merged into i18n/locales/en.ts. */
export const composerEn = {
  composer: {
    to: 'To',
    port: 'Port',
    hostPlaceholder: 'host or IP',
    portPlaceholder: 'port',
    destination: {
      'no-host': 'Enter the host or IP to send to.',
      'no-port': 'Enter the port to send to (1 to 65535).',
      'bad-port': 'The port must be a whole number from 1 to 65535.',
    },
    tooBig:
      'Too big for one UDP datagram: {{n}} bytes, and {{family}} carries at most {{max}}. Shorten the message, or use Send file, which splits it into datagrams.',
    previewUpdating: 'updating…',
    mode: 'Input',
    modeText: 'Text',
    modeHex: 'Hex',
    encoding: 'Encoding',
    lineEnding: 'Append',
    endingNone: 'Nothing',
    placeholderText: 'Type a message… (Ctrl+Enter sends)',
    heldTitle:
      'A long text of {{n}} characters, held out of the edit box so typing stays fast; Send sends it whole.',
    heldEdit: 'Edit in the box (slow)',
    heldClear: 'Clear',
    placeholderHex: 'Hex bytes, e.g. 48 65 6C 6C 6F or 0x01,0x03 (Ctrl+Enter sends)',
    send: 'Send',
    sendAll: 'Send to all',
    sendHint: 'Ctrl+Enter',
    connectTitle:
      'connect() the UDP socket to this destination first: then only its datagrams arrive, and "port unreachable" is reported as an error',
    preview_one: '{{n}} byte:',
    preview_other: '{{n}} bytes:',
    sent_one: 'Sent {{n}} byte.',
    sent_other: 'Sent {{n}} bytes.',
    sentToAll_one: 'Sent to {{n}} client.',
    sentToAll_other: 'Sent to {{n}} clients.',
    sentToNone: 'No client is connected; nothing was sent.',
    modeTitle: 'Switching converts what is typed: text to its bytes in hex, hex bytes to text',
    convert: {
      toHex: 'Converted the text to its {{encoding}} bytes.',
      toText: 'Decoded the bytes as {{encoding}} text.',
      undo: 'Undo',
      anyway: 'Switch without converting',
      refused: 'Not converted to hex: {{why}}',
      variables: 'Not converted: variables such as {{variable}} become different bytes at every send.',
      notText:
        'Kept as hex: byte {{n}} is not text in {{encoding}} (an invalid sequence, or a control byte; with Escapes on, \\r \\n \\t \\0 convert).',
      badHex: 'This was not hex; it is kept as typed and now sent as text.',
    },
    unencodable: '"{{char}}" ({{code}}) at character {{index}} cannot be written in {{encoding}}.',
    tryWider: "Python's encode() refuses it too; {{encoding}} can write it.",
    badHex: {
      'not-hex': '"{{char}}" at position {{index}} is not a hex digit.',
      'odd-digits': 'Hex digits come in pairs: the group at position {{index}} has an odd number.',
      'no-digits': '"{{char}}" at position {{index}} has no hex digits after it.',
    },
    badEscape: {
      unknown:
        '"{{text}}" at position {{index}} is not an escape. Use \\r \\n \\t \\0 \\\\ \\xNN or \\uXXXX (\\\\ for a backslash).',
      short: '"{{text}}" at position {{index}} needs more hex digits: \\xNN takes 2, \\uXXXX takes 4.',
      dangling: 'The backslash at position {{index}} ends the text: write \\\\ for a backslash.',
    },
    badVariable: {
      unknown:
        '{{text}} at position {{index}} is not a variable. Known: COUNTER, COUNTER:N, TIME, DATE, TIMESTAMP, RANDOM:N.',
      'bad-argument':
        '{{text}} at position {{index}}: RANDOM needs a byte count from 1 to 1024, COUNTER:N a width from 1 to 20, the others take none.',
    },
    showProblem: 'Select it in the input',
    escapes: 'Escapes',
    escapesHint:
      '\\r \\n \\t \\0 \\\\ are characters, \\uXXXX a Unicode character, \\xNN one raw byte (not encoded)',
    variables: 'Variables',
    variablesHint:
      'Expanded at every send: {{list}}. COUNTER counts sends (1, 2, 3…; COUNTER:4 pads to 0001), TIME and DATE are local, TIMESTAMP is in milliseconds, RANDOM:N is N random raw bytes.',
    insertVariable: 'Insert variable…',
    nextSend: 'preview of send #{{n}}',
    checksum: 'Checksum',
    checksumHint:
      'Appended after the message, before the line ending, computed over the message bytes only. CRC-16/MODBUS goes low byte first (as Modbus RTU sends it), CRC-32 high byte first.',
    checksums: {
      none: 'None',
      sum8: 'Sum-8 (1 byte)',
      xor8: 'XOR-8 (1 byte)',
      'crc16-modbus': 'CRC-16/MODBUS (LE)',
      crc32: 'CRC-32 (BE)',
    },
  },
  periodic: {
    title: 'Repeat',
    every: 'every',
    intervalHint:
      'Milliseconds between sends, from 1. Main keeps the schedule (no drift) and catches up in bursts when late.',
    countHint: 'How many messages; 0 = until you press Stop',
    start: 'Start',
    stop: 'Stop',
    progress: '{{sent}} / {{target}}',
    progressOpen: '{{sent}} sent',
    rate: '{{rate}} msg/s achieved',
    state: { running: 'running', done: 'done', stopped: 'stopped', failed: 'failed' },
  },
  fileSend: {
    title: 'File',
    choose: 'Choose…',
    datagram: 'bytes/datagram',
    datagramHint: 'UDP: the file goes as datagrams of this many bytes (1 to 65507), in order',
    send: 'Send file',
    cancel: 'Cancel',
    progress: '{{sent}} / {{total}} ({{percent}} %)',
    state: { sending: 'sending', done: 'sent', cancelled: 'cancelled', failed: 'failed' },
  },
  saved: {
    title: 'Saved',
    empty: 'No saved messages yet.',
    save: 'Save current',
    shared: 'Shared',
    sharedHint: 'Save for every session, not only this address',
    sendTitle: 'Send: {{input}}',
    rename: 'Rename',
    delete: 'Delete',
  },
};
