/** Echo and auto-reply. English; merged into i18n/locales/en.ts. */
export const autoReplyEn = {
  autoReply: {
    title: 'Echo & auto-reply',
    off: 'off',
    summary_one: '{{echo}} {{n}} rule',
    summary_other: '{{echo}} {{n}} rules',
    echoOn: 'echo +',
    echo: 'Echo everything back',
    echoTitle: 'Send every received message back unchanged (when no rule answers it)',
    hint: 'Rules are tried in order on each datagram or received chunk; the first that matches answers. Replies take \\r \\n \\xNN escapes.',
    match: {
      exact: 'is exactly',
      contains: 'contains',
      starts: 'starts with',
      ends: 'ends with',
      hex: 'contains hex',
      regex: 'matches regex',
    },
    pattern: 'text to look for',
    patternRegex: 'e.g. ^GET (\\w+)',
    reply: 'answer',
    replyRegex: 'answer; $1 inserts group 1',
    remove: 'Remove this rule',
    add: 'Add rule',
    apply: 'Apply',
    applied: 'Applied.',
  },
};
