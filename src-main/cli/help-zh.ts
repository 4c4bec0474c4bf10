/** --help 的中文版：与 help.ts 逐条对应（每个命令、每个选项、退出状态），随 docs/cli.md 一起维护。 */

import { scenarioExample } from './help';

const CODEC = `数据（DATA 默认是文本，除非给了 --hex 或 --file）：
  -e, --encoding ENC     文本编码：utf-8（默认）、gbk、gb18030、big5、shift_jis、
                         euc-kr、iso-8859-1、utf-16le、utf-16be、ascii
  -x, --hex              DATA 是十六进制字节："48 65 6c"、"48656c"、"0x48 0x65"
  -E, --escapes          DATA 中可用转义：\\r \\n \\t \\0 \\\\ \\xNN \\uXXXX
      --checksum SUM     在消息后附加校验：none（默认）、sum8、xor8、
                         crc16-modbus（低字节在前）、crc32（高字节在前）
      --eol END          在校验之后附加行尾：none（默认）、lf、crlf、cr
  -f, --file PATH        发送文件的字节，而不是 DATA
  文本中的变量，每条消息展开一次：{{COUNTER}} {{COUNTER:4}} {{TIME}}
  {{DATE}} {{TIMESTAMP}} {{RANDOM:N}}（N 个随机字节）。`;

const COMMON = `所有命令通用：
  -h, --help             显示本帮助
      --lang LANG        错误信息和报告的语言：en 或 zh-CN（默认取自 LANG/LC_ALL）`;

const EXIT_CODES = `${COMMON}

退出状态：
  0  完成；所有期望的回复都已收到（expect、run：全部通过）
  1  期望的回复没有到达或不匹配；场景中有步骤失败
  2  用法错误：选项、参数、载荷或场景文件有误；什么也没有发送
  3  网络或操作系统拒绝：连接被拒绝、端口被占用、找不到主机……`;

export const HELP_ZH: Record<string, string> = {
  main: `socket-workbench：在命令行中使用 UDP 和 TCP，编解码与工作台相同。

用法：socket-workbench 命令 [参数] [选项]

命令：
  send udp|tcp HOST:PORT [DATA]     发送一条消息；--wait MS 打印收到的回复
  listen udp|tcp [ADDR:]PORT        打印收到的每条消息；回显、自动回复规则
  expect udp|tcp HOST:PORT [DATA]   发送，然后要求收到匹配 --match / --match-hex 的回复
  flood udp|tcp HOST:PORT [DATA]    流量发生器：--rate 或 --bps，--count 或 --duration
  run SCENARIO                      对一个或多个目标运行场景文件（JSON 或 YAML）

运行 "socket-workbench 命令 --help" 查看该命令的选项。
错误以 "error 代码: 信息" 的形式打印；LANG/LC_ALL 为 zh_* 时使用中文
（--lang en|zh-CN 可以覆盖）。

${EXIT_CODES}
`,
  send: `用法：socket-workbench send udp|tcp HOST:PORT [DATA] [选项]

发送一条消息（UDP：一个数据报；TCP：连接、写入、关闭），并在 stderr 上报告。
IPv6 主机写作 [::1]:PORT。

  -b, --bind [ADDR:]PORT 从这个本地端口（和地址）发送
  -w, --wait MS          然后打印 MS 毫秒内到达的每条回复
      --show-hex         以十六进制打印回复，而不是按 --encoding 解码的文本

${CODEC}

示例：socket-workbench send udp 127.0.0.1:7788 "你好" --encoding gbk --wait 1000

${EXIT_CODES}
`,
  listen: `用法：socket-workbench listen udp|tcp [ADDR:]PORT [选项]

每收到一条消息打印一行：时间、对端、大小、文本（控制字符显示为 ␍ ␊）。
TCP 监听可同时服务多个客户端；TCP 的一行是一次读取得到的数据
（字节流没有消息边界）。绑定的地址打印到 stderr；端口 0 由操作系统选择。
按 Ctrl-C、--count 或 --duration 停止。

  -e, --encoding ENC     按此编码解码文本（默认 utf-8）
  -x, --hex              以十六进制打印字节，而不是文本
      --json             在 stdout 上输出 JSON Lines：{"event":"message","time","proto","peer",
                         "size","hex","text"}，以及 "listening"、"connect"、"close" 事件
      --echo             把每条消息原样发回（没有规则应答时）
  -r, --rule RULE        自动回复规则 KIND:PATTERN=>REPLY，可重复，第一条匹配的规则应答。
                         KIND：exact、contains、starts、ends、hex、regex；REPLY 可用转义
                         （\\r\\n），regex 规则还可用 $1…$9 和 $&；REPLY 前加 "hex:" 表示十六进制。
                         示例：--rule 'regex:^GET (\\w+)=>VALUE $1\\r\\n'
  -n, --count N          收到 N 条消息后停止
  -d, --duration MS      MS 毫秒后停止

${EXIT_CODES}
`,
  expect: `用法：socket-workbench expect udp|tcp HOST:PORT [DATA] (--match RE | --match-hex HEX) [选项]

发送 DATA（如果给了；没给则等待服务器先说话），然后等待匹配的回复。UDP 逐个检查
来自 HOST:PORT 的数据报；TCP 检查到目前为止收到的全部数据。匹配时退出状态为 0 并打印
一行“通过”；不匹配时退出状态为 1，并说明收到了什么（NO_MATCH，或 TCP 对方先关闭时的
PEER_CLOSED）。

  -m, --match REGEX      作用于回复文本（按 --encoding 解码）的 JavaScript 正则表达式
      --match-hex HEX    回复中必须包含的字节
  -t, --timeout MS       等待多久（默认 2000）
  -b, --bind [ADDR:]PORT 从这个本地端口发送

${CODEC}

示例：socket-workbench expect tcp 127.0.0.1:8080 "PING\\n" --match '^PONG'

${EXIT_CODES}
`,
  flood: `用法：socket-workbench flood udp|tcp HOST:PORT [DATA] [选项]

以稳定的速率发送消息，并打印实际达到的速率（条/秒和比特/秒）。没有 DATA 或 --file 时，
每条消息是 --size 个字节的 "x"。机器达不到的速率不会被掩盖：实际速率如实报告。

      --rate N           每秒消息数（默认 1000；0 = 尽快发送）
      --bps N            按载荷的比特/秒计算速率，代替 --rate
  -n, --count N          发送 N 条后停止（默认 1000，除非给了 --duration）
  -d, --duration MS      MS 毫秒后停止
  -s, --size N           没有 DATA 时每条消息的字节数（默认 64）

${CODEC}

示例：socket-workbench flood udp 127.0.0.1:9000 "seq {{COUNTER}}" --rate 50000 --duration 5000

${EXIT_CODES}
`,
  run: `用法：socket-workbench run SCENARIO [选项]

依次对每个目标运行场景文件（JSON，或 .yaml/.yml 的 YAML）中的步骤，每个步骤和目标
打印一行“通过/失败”，最后打印汇总。某一步失败后，该目标余下的步骤跳过。
所有目标都通过时退出状态为 0，否则为 1。

  -t, --target HOST:PORT 对这些目标运行，代替文件中的目标（可重复）
      --junit PATH       同时把结果写成 JUnit XML（每个目标一个 testsuite）

场景文件：
${scenarioExample('或')}
  send 可用 "text"（配合 "escapes": true）或 "hex"，以及 "encoding"、"checksum"、"eol"。
  每个步骤可以有 "name"。没有 connect 步骤时，发送前会先连接。

${EXIT_CODES}
`,
};
