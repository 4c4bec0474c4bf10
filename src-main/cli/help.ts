/** --help texts: every command and flag, and the exit statuses (kept in step with docs/cli.md). */

const CODEC = `Data (DATA is text unless --hex or --file):
  -e, --encoding ENC     text encoding: utf-8 (default), gbk, gb18030, big5, shift_jis,
                         euc-kr, iso-8859-1, utf-16le, utf-16be, ascii
  -x, --hex              DATA is hex bytes: "48 65 6c", "48656c", "0x48 0x65"
  -E, --escapes          DATA takes escapes: \\r \\n \\t \\0 \\\\ \\xNN \\uXXXX
      --checksum SUM     append a checksum of the message: none (default), sum8, xor8,
                         crc16-modbus (low byte first), crc32 (high byte first)
      --eol END          append a line ending after the checksum: none (default), lf, crlf, cr
  -f, --file PATH        send the bytes of a file instead of DATA
  Variables in text, expanded for every message: {{COUNTER}} {{COUNTER:4}} {{TIME}}
  {{DATE}} {{TIMESTAMP}} {{RANDOM:N}} (N random bytes).`;

const COMMON = `Every command:
  -h, --help             this help
      --lang LANG        language of errors and reports: en or zh-CN (default: from LANG/LC_ALL)`;

const EXIT_CODES = `${COMMON}

Exit status:
  0  done; every expected reply arrived (expect, run: all passed)
  1  an expected reply did not arrive or did not match; a scenario step failed
  2  usage: a wrong flag, argument, payload or scenario file; nothing was sent
  3  the network or the OS refused: connection refused, port in use, host not found…`;

/** The scenario file in --help, in both languages: only the word between the alternatives differs. */
export const scenarioExample = (
  or: string,
): string => `  { "name": "echo server", "protocol": "tcp", "encoding": "utf-8", "timeout": 2000,
    "targets": ["127.0.0.1:9001", {"name": "alice", "host": "127.0.0.1", "port": 9002}],
    "steps": [
      {"connect": true},
      {"send": "HELLO\\n"},                      ${or} {"send": {"hex": "01 02", "checksum": "crc16-modbus"}}
      {"expect": "^HELLO"},                      ${or} {"expect": {"hex": "4f4b", "timeout": 500}}
      {"sleep": 100},
      {"close": true} ] }`;

export const HELP: Record<string, string> = {
  main: `socket-workbench: UDP and TCP from the command line, with the workbench's codecs.

Usage: socket-workbench COMMAND [ARGS] [FLAGS]

Commands:
  send udp|tcp HOST:PORT [DATA]     send one message; --wait MS prints the replies
  listen udp|tcp [ADDR:]PORT        print every message received; echo, auto-reply rules
  expect udp|tcp HOST:PORT [DATA]   send, then require a reply matching --match / --match-hex
  flood udp|tcp HOST:PORT [DATA]    traffic generator: --rate or --bps, --count or --duration
  run SCENARIO                      run a scenario file (JSON or YAML) against one or more targets

Run "socket-workbench COMMAND --help" for a command's flags.
Errors are printed as "error CODE: message", in Chinese when LANG/LC_ALL is zh_*
(--lang en|zh-CN overrides).

${EXIT_CODES}
`,
  send: `Usage: socket-workbench send udp|tcp HOST:PORT [DATA] [FLAGS]

Sends one message (UDP: one datagram; TCP: connect, write, close) and reports it on stderr.
IPv6 hosts are written [::1]:PORT.

  -b, --bind [ADDR:]PORT send from this local port (and address)
  -w, --wait MS          then print every reply arriving within MS milliseconds
      --show-hex         print replies as hex instead of text in --encoding

${CODEC}

Example: socket-workbench send udp 127.0.0.1:7788 "你好" --encoding gbk --wait 1000

${EXIT_CODES}
`,
  listen: `Usage: socket-workbench listen udp|tcp [ADDR:]PORT [FLAGS]

Prints one line per message received: time, peer, size, text (controls shown as ␍ ␊).
A TCP listener serves many clients at once; a TCP line is what one read returned
(a stream has no messages). The bound address goes to stderr ("listening on …");
port 0 lets the OS choose. Stops on Ctrl-C, --count or --duration.

  -e, --encoding ENC     decode text in this encoding (default utf-8)
  -x, --hex              print the bytes as hex instead of text
      --json             JSON Lines on stdout: {"event":"message","time","proto","peer",
                         "size","hex","text"}, plus "listening", "connect", "close" events
      --echo             send every message back (when no rule answered it)
  -r, --rule RULE        auto-reply rule KIND:PATTERN=>REPLY, repeatable, first match answers.
                         KIND: exact, contains, starts, ends, hex, regex; REPLY takes escapes
                         (\\r\\n) and, for regex, $1…$9 and $&; "hex:" before REPLY makes it hex.
                         Example: --rule 'regex:^GET (\\w+)=>VALUE $1\\r\\n'
  -n, --count N          stop after N messages
  -d, --duration MS      stop after MS milliseconds

${EXIT_CODES}
`,
  expect: `Usage: socket-workbench expect udp|tcp HOST:PORT [DATA] (--match RE | --match-hex HEX) [FLAGS]

Sends DATA (if given; without it, waits for what the server says first), then waits for a
reply that matches. UDP tests each datagram from HOST:PORT; TCP tests everything received
so far. Exit 0 and a PASS line when it matched; exit 1 and a message saying what arrived
when it did not (NO_MATCH, or PEER_CLOSED when a TCP peer closed first).

  -m, --match REGEX      a JavaScript regular expression over the reply's text (in --encoding)
      --match-hex HEX    bytes the reply must contain
  -t, --timeout MS       how long to wait (default 2000)
  -b, --bind [ADDR:]PORT send from this local port

${CODEC}

Example: socket-workbench expect tcp 127.0.0.1:8080 "PING\\n" --match '^PONG'

${EXIT_CODES}
`,
  flood: `Usage: socket-workbench flood udp|tcp HOST:PORT [DATA] [FLAGS]

Sends messages at a steady rate and prints the rate achieved (messages/s and bits/s).
Without DATA or --file, each message is --size bytes of "x". A rate too high for the
machine is not hidden: the achieved rate says what was done.

      --rate N           messages per second (default 1000; 0 = as fast as possible)
      --bps N            bits per second of payload instead of --rate
  -n, --count N          stop after N messages (default 1000 unless --duration)
  -d, --duration MS      stop after MS milliseconds
  -s, --size N           bytes per message when there is no DATA (default 64)

${CODEC}

Example: socket-workbench flood udp 127.0.0.1:9000 "seq {{COUNTER}}" --rate 50000 --duration 5000

${EXIT_CODES}
`,
  run: `Usage: socket-workbench run SCENARIO [FLAGS]

Runs the steps of a scenario file (JSON, or YAML: .yaml/.yml) against every target in turn,
printing a PASS/FAIL line per step and target and a summary. After a failed step the rest
of that target's steps are skipped. Exit 0 when every target passed, 1 otherwise.

  -t, --target HOST:PORT run against these targets instead of the file's (repeatable)
      --junit PATH       also write the results as JUnit XML (one testsuite per target)

Scenario file:
${scenarioExample('or')}
  A send takes "text" (with "escapes": true) or "hex", and "encoding", "checksum", "eol".
  Each step may have a "name". Sending without a connect step connects first.

${EXIT_CODES}
`,
};
