import type { Shape } from '../../../i18n/shape';
import type { autoReplyEn } from './en';

/** 简体中文：键与同目录 en.ts 一一对应，合并进 i18n/locales/zh-CN.ts。 */
export const autoReplyZhCN: Shape<typeof autoReplyEn> = {
  autoReply: {
    title: '回显与自动应答',
    off: '关闭',
    summary_other: '{{echo}} {{n}} 条规则',
    echoOn: '回显 +',
    echo: '原样回显收到的数据',
    echoTitle: '把收到的每条消息原样发回（没有规则应答时）',
    hint: '对每个数据报或每次收到的数据块按顺序尝试规则；第一条匹配的规则应答。应答中可用 \\r \\n \\xNN 转义。',
    match: {
      exact: '完全等于',
      contains: '包含',
      starts: '开头是',
      ends: '结尾是',
      hex: '包含十六进制',
      regex: '匹配正则',
    },
    pattern: '要查找的文本',
    patternRegex: '例如 ^GET (\\w+)',
    reply: '应答',
    replyRegex: '应答；$1 插入第 1 组',
    remove: '删除此规则',
    add: '添加规则',
    apply: '应用',
    applied: '已应用。',
  },
};
