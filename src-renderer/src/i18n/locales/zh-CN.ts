import { appZhCN } from '../../app/locales/zh-CN';
import { statusZhCN } from '../../features/status/locales/zh-CN';
import { sessionsZhCN } from '../../features/sessions/locales/zh-CN';
import { teachingZhCN } from '../../features/teaching/locales/zh-CN';
import { chatZhCN } from '../../features/chat/locales/zh-CN';
import { autoReplyZhCN } from '../../features/auto-reply/locales/zh-CN';
import { logZhCN } from '../../features/log/locales/zh-CN';
import { networkZhCN } from '../../features/network/locales/zh-CN';
import { composerZhCN } from '../../features/composer/locales/zh-CN';
import { dialogsZhCN } from '../../features/dialogs/locales/zh-CN';
import { captureZhCN } from '../../features/capture/locales/zh-CN';
import { scenarioZhCN } from '../../features/scenario/locales/zh-CN';
import type { Locale } from './en';

/** 简体中文：各功能目录 locales/zh-CN.ts 的合并，与 en.ts 的键一一对应（单元测试会检查）。 */
export const zhCN: Locale = {
  ...appZhCN,
  ...statusZhCN,
  ...sessionsZhCN,
  ...teachingZhCN,
  ...chatZhCN,
  ...autoReplyZhCN,
  ...logZhCN,
  ...networkZhCN,
  ...composerZhCN,
  ...dialogsZhCN,
  ...captureZhCN,
  ...scenarioZhCN,
};
