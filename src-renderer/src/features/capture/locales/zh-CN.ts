import type { Shape } from '../../../i18n/shape';
import type { captureEn } from './en';

/** 简体中文：键与同目录 en.ts 一一对应，合并进 i18n/locales/zh-CN.ts。 */
export const captureZhCN: Shape<typeof captureEn> = {
  capture: {
    title: '抓包到文件',
    on: '记录中 · {{format}}',
    off: '关闭',
    failed: '出错已停止',
    format: '格式',
    directory: '文件夹',
    directoryDefault: '系统临时文件夹',
    maxMiB: '单个文件大小（MiB）',
    maxFiles: '保留文件数',
    start: '开始抓包',
    stop: '停止抓包',
    maxMiBHint: '文件达到这个大小时开始写新文件（至少 {{min}} MiB）',
    maxFilesHint: '只保留最新的这些文件；开始写新文件时删除最旧的',
    recording: '记录中',
    stopped: '已停止',
    file: '文件',
    records: '记录数',
    bytes: '已写入',
    filesKept: '保留文件',
    filesOf: '{{files}} / {{max}}',
  },
};
