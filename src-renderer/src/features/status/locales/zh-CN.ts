import type { Shape } from '../../../i18n/shape';
import type { statusEn } from './en';

/** 简体中文：键与同目录 en.ts 一一对应，合并进 i18n/locales/zh-CN.ts。 */
export const statusZhCN: Shape<typeof statusEn> = {
  toolbar: {
    newUdp: 'UDP',
    newTcpClient: 'TCP 客户端',
    newTcpServer: 'TCP 服务器',
    languageTitle: '切换语言',
  },
  link: {
    title: '与工作台的连接已断开。',
    retrying: '正在重新连接…',
    lost: '已停止自动重连。',
    hint: '下面的会话及其状态是断开前的样子，并非实时。在同一端口、同一数据目录上重新启动工作台，本页会自动重新连接。',
    retryNow: '立即重连',
  },
  status: {
    electron: '桌面版',
    web: '网页版',
    link: { connecting: '连接中…', open: '已连接', closed: '已断开，正在重试…', lost: '已断开' },
    sessions_other: '{{open}} 个打开 / 共 {{total}} 个会话',
    totals: '收 {{bytesIn}} B · 发 {{bytesOut}} B',
  },
  welcome: {
    title: '打开一个套接字开始',
    lead: '每个收发的字节都会显示对端地址和时间。选择要打开的类型：',
    udp: '收发数据报；查看每个发送方的 (ip, 端口)。',
    'tcp-client': '连接服务器、发送数据，观察返回的字节流。',
    'tcp-server': '在端口上监听；每个客户端都是独立的会话。',
  },
  rates: {
    graph: '最近一分钟每秒字节数（接收与发送）',
    peak: '最近一分钟峰值：↓ {{in}} ↑ {{out}}',
    inTitle: '最近一秒接收',
    outTitle: '最近一秒发送',
    reset: '计数清零',
    resetTitle: '把此会话的计数器清零；从现在起精确计数',
    total: '总计 ↓ {{inRate}} ↑ {{outRate}}',
  },
};
