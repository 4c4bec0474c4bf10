import type { Shape } from '../../../i18n/shape';
import type { composerEn } from './en';

/** 简体中文：键与同目录 en.ts 一一对应，合并进 i18n/locales/zh-CN.ts。 */
export const composerZhCN: Shape<typeof composerEn> = {
  composer: {
    to: '发往',
    port: '端口',
    hostPlaceholder: '主机名或 IP',
    portPlaceholder: '端口',
    destination: {
      'no-host': '请填写要发往的主机名或 IP。',
      'no-port': '请填写要发往的端口（1 到 65535）。',
      'bad-port': '端口必须是 1 到 65535 之间的整数。',
    },
    tooBig:
      '超出一个 UDP 数据报的容量：共 {{n}} 字节，{{family}} 最多 {{max}} 字节。请缩短消息，或用“发送文件”分成多个数据报发送。',
    previewUpdating: '更新中…',
    mode: '输入',
    modeText: '文本',
    modeHex: '十六进制',
    encoding: '编码',
    lineEnding: '追加',
    endingNone: '无',
    placeholderText: '输入消息…（Ctrl+Enter 发送）',
    heldTitle: '长文本共 {{n}} 个字符，未放入编辑框，以免输入变慢；发送时整段发出。',
    heldEdit: '在编辑框中编辑（较慢）',
    heldClear: '清除',
    placeholderHex: '十六进制字节，例如 48 65 6C 6C 6F 或 0x01,0x03（Ctrl+Enter 发送）',
    send: '发送',
    sendAll: '发送给全部',
    sendHint: 'Ctrl+Enter',
    connectTitle:
      '先对 UDP 套接字调用 connect() 连接到目的地址：之后只接收它的数据报，“端口不可达”会作为错误报告',
    preview_other: '{{n}} 字节：',
    sent_other: '已发送 {{n}} 字节。',
    sentToAll_other: '已发送给 {{n}} 个客户端。',
    sentToNone: '没有已连接的客户端；什么也没有发送。',
    modeTitle: '切换时会转换已输入的内容：文本转为其字节的十六进制，十六进制字节解码为文本',
    convert: {
      toHex: '已将文本转换为它的 {{encoding}} 字节。',
      toText: '已将字节按 {{encoding}} 解码为文本。',
      undo: '撤销',
      anyway: '不转换，直接切换',
      refused: '未转换为十六进制：{{why}}',
      variables: '未转换：{{variable}} 等变量每次发送都是不同的字节。',
      notText:
        '保留为十六进制：第 {{n}} 个字节不是 {{encoding}} 文本（无效序列或控制字节；打开“转义”后 \\r \\n \\t \\0 可以转换）。',
      badHex: '这不是十六进制；已按原样保留，现在作为文本发送。',
    },
    unencodable: '第 {{index}} 个字符“{{char}}”（{{code}}）无法用 {{encoding}} 编码。',
    tryWider: 'Python 的 encode() 同样会拒绝它；{{encoding}} 可以表示它。',
    badHex: {
      'not-hex': '第 {{index}} 个位置的“{{char}}”不是十六进制数字。',
      'odd-digits': '十六进制数字必须成对出现：从第 {{index}} 个位置开始的一组是奇数个。',
      'no-digits': '第 {{index}} 个位置的“{{char}}”后面没有十六进制数字。',
    },
    badEscape: {
      unknown:
        '第 {{index}} 个位置的“{{text}}”不是转义序列。可用 \\r \\n \\t \\0 \\\\ \\xNN 或 \\uXXXX（反斜杠本身写作 \\\\）。',
      short: '第 {{index}} 个位置的“{{text}}”缺少十六进制数字：\\xNN 需要 2 位，\\uXXXX 需要 4 位。',
      dangling: '第 {{index}} 个位置的反斜杠在文本末尾：反斜杠本身请写作 \\\\。',
    },
    badVariable: {
      unknown:
        '第 {{index}} 个位置的 {{text}} 不是变量。可用：COUNTER、COUNTER:N、TIME、DATE、TIMESTAMP、RANDOM:N。',
      'bad-argument':
        '第 {{index}} 个位置的 {{text}}：RANDOM 需要 1 到 1024 的字节数，COUNTER:N 需要 1 到 20 的位数，其他变量不带参数。',
    },
    showProblem: '在输入框中选中它',
    escapes: '转义',
    escapesHint: '\\r \\n \\t \\0 \\\\ 是字符，\\uXXXX 是 Unicode 字符，\\xNN 是一个原始字节（不经编码）',
    variables: '变量',
    variablesHint:
      '每次发送时展开：{{list}}。COUNTER 为发送次数（1、2、3…；COUNTER:4 补零为 0001），TIME 和 DATE 为本地时间，TIMESTAMP 为毫秒，RANDOM:N 为 N 个随机原始字节。',
    insertVariable: '插入变量…',
    nextSend: '第 {{n}} 次发送的预览',
    checksum: '校验',
    checksumHint:
      '追加在消息之后、行尾之前，只对消息字节计算。CRC-16/MODBUS 低字节在前（与 Modbus RTU 相同），CRC-32 高字节在前。',
    checksums: {
      none: '无',
      sum8: '累加和-8（1 字节）',
      xor8: '异或-8（1 字节）',
      'crc16-modbus': 'CRC-16/MODBUS（低位在前）',
      crc32: 'CRC-32（高位在前）',
    },
  },
  periodic: {
    title: '定时发送',
    every: '每',
    intervalHint: '两次发送之间的毫秒数，最小 1。由主进程按时间表发送（不累积误差），落后时成批补发。',
    countHint: '发送条数；0 = 直到按下停止',
    start: '开始',
    stop: '停止',
    progress: '{{sent}} / {{target}}',
    progressOpen: '已发 {{sent}} 条',
    rate: '实际 {{rate}} 条/秒',
    state: { running: '运行中', done: '已完成', stopped: '已停止', failed: '失败' },
  },
  fileSend: {
    title: '文件',
    choose: '选择…',
    datagram: '字节/数据报',
    datagramHint: 'UDP：文件按此大小（1 到 65507 字节）依次切成数据报发送',
    send: '发送文件',
    cancel: '取消',
    progress: '{{sent}} / {{total}}（{{percent}} %）',
    state: { sending: '发送中', done: '已发送', cancelled: '已取消', failed: '失败' },
  },
  saved: {
    title: '常用消息',
    empty: '还没有保存的消息。',
    save: '保存当前',
    shared: '共享',
    sharedHint: '保存给所有会话使用，而不只是这个地址',
    sendTitle: '发送：{{input}}',
    rename: '重命名',
    delete: '删除',
  },
};
