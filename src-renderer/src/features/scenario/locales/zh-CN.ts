import type { scenarioEn } from './en';
import type { Shape } from '../../../i18n/shape';

/** 场景标签页。简体中文；合并到 i18n/locales/zh-CN.ts。 */
export const scenarioZhCN: Shape<typeof scenarioEn> = {
  scenario: {
    intro: '在这个会话上运行场景文件（与命令行的格式相同）：发送经由本会话发出，期望检查本会话收到的数据。',
    load: '加载文件…',
    loadTitle: 'YAML 或 JSON 格式的场景文件',
    loaded: '已加载：{{name}}',
    text: '场景',
    format: '格式',
    destination: '发送到',
    destinationTitle: 'UDP：场景的发送发往哪里；留空则发往文件中的第一个目标',
    firstTarget: '文件中的第一个目标',
    run: '运行',
    runTitle: '按顺序执行各步骤；某一步失败时跳过其余步骤',
    cancel: '取消',
    running: '正在运行…',
    pass: '通过',
    fail: '失败',
    skip: '跳过',
    received: '收到',
    receivedText: '文本',
    receivedHex: '十六进制',
    allPassed_other: '{{name}}：全部 {{count}} 个步骤通过',
    someFailed: '{{name}}：通过 {{passed}} 个，失败 {{failed}} 个，跳过 {{skipped}} 个',
    cancelled: '{{name}}：已取消；通过 {{passed}} 个，跳过 {{skipped}} 个',
  },
};
