import type { Shape } from '../../../i18n/shape';
import type { chatEn } from './en';

/** 简体中文：键与同目录 en.ts 一一对应，合并进 i18n/locales/zh-CN.ts。 */
export const chatZhCN: Shape<typeof chatEn> = {
  chat: {
    with: '正在与之对话：',
    pickPeer: '在上方表格中选择一个对端（聊天），或回复一条数据报，开始对话。',
    placeholder: '输入消息…（回车发送）',
    unencodable: '“{{char}}”无法用所选编码表示。',
  },
};
