import type { Shape } from '../../../i18n/shape';
import type { dialogsEn } from './en';

/** 简体中文：键与同目录 en.ts 一一对应，合并进 i18n/locales/zh-CN.ts。 */
export const dialogsZhCN: Shape<typeof dialogsEn> = {
  dialog: {
    title: { udp: '新建 UDP 套接字', 'tcp-client': '新建 TCP 客户端', 'tcp-server': '新建 TCP 服务器' },
    lead: {
      udp: 'socket({{family}}, SOCK_DGRAM)：绑定到已知端口以便接收，或不绑定，由操作系统在第一次发送时分配端口。',
      'tcp-client': 'socket({{family}}, SOCK_STREAM) + connect((主机, 端口))。',
      'tcp-server': 'bind((地址, 端口)) + listen(backlog)：每个连上的客户端都有自己的会话。',
    },
    familyByName: 'AF_INET 或 AF_INET6，取决于名字解析的结果',
    udpMode: '本地端',
    udpBind: '绑定到地址和端口',
    udpUnbound: '不绑定（第一次发送时由系统分配端口）',
    udpFamily: '地址族',
    udpFamilyHint: 'IPv4 套接字只能发往 IPv4 地址（127.0.0.1），IPv6 套接字只能发往 IPv6 地址（::1）',
    udpFamilyIPv4: 'IPv4（AF_INET）',
    udpFamilyIPv6: 'IPv6（AF_INET6）',
    localAddress: '本地地址',
    localAddressHint: '0.0.0.0 = 所有 IPv4 网卡，:: = 所有 IPv6，127.0.0.1 = 仅本机',
    localPort: '本地端口',
    localPortHint: '0 = 由系统选择。1024 以下的端口需要管理员权限。',
    remoteHost: '服务器主机',
    remoteHostHint: 'IPv4、IPv6 或主机名',
    remotePort: '服务器端口',
    reconnect: '断线重连间隔（毫秒）',
    reconnectHint: '0 = 不重连；否则连接失败或断开后自动重连',
    closeOnPeerEnd: '对方关闭时随之关闭',
    closeOnPeerEndHint: '关闭此项：收到对方 FIN 后保持半开，仍可发送',
    localPortOptional: '本地端口（可选）',
    localPortOptionalHint: '留空 = 由系统分配临时端口',
    connectTimeout: '连接超时（毫秒）',
    backlog: '等待队列长度（backlog）',
    backlogHint: '课程中的 listen(128)：accept() 之前内核可排队的连接数',
    maxClients: '客户端上限',
    maxClientsHint: '0 = 不限；超出的客户端会被拒绝',
    cancel: '取消',
    submit: { udp: '打开', 'tcp-client': '连接', 'tcp-server': '监听' },
  },
};
