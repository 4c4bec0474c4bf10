/** Toolbar, status bar, welcome page, rates and the link-lost banner. English; merged into i18n/locales/en.ts. */
export const statusEn = {
  toolbar: {
    newUdp: 'UDP',
    newTcpClient: 'TCP Client',
    newTcpServer: 'TCP Server',
    languageTitle: 'Switch language',
  },
  link: {
    title: 'Disconnected from the workbench.',
    retrying: 'Reconnecting…',
    lost: 'Stopped trying to reconnect.',
    hint: 'Sessions and their states below are as last seen, not live. Start the workbench again on the same port and data directory and this page reconnects by itself.',
    retryNow: 'Reconnect now',
  },
  status: {
    electron: 'Desktop',
    web: 'Web shell',
    link: {
      connecting: 'connecting…',
      open: 'connected',
      closed: 'disconnected, retrying…',
      lost: 'disconnected',
    },
    sessions_one: '{{open}} open / {{total}} session',
    sessions_other: '{{open}} open / {{total}} sessions',
    totals: 'RX {{bytesIn}} B · TX {{bytesOut}} B',
  },
  welcome: {
    title: 'Open a socket to begin',
    lead: 'Every byte sent and received is shown with its peer address and time. Choose what to open:',
    udp: 'Send and receive datagrams; see each sender’s (ip, port).',
    'tcp-client': 'Connect to a server, send, and watch the stream come back.',
    'tcp-server': 'Listen on a port; every client becomes its own session.',
  },
  rates: {
    graph: 'Bytes per second over the last minute (received and sent)',
    peak: 'Peak of the last minute: ↓ {{in}} ↑ {{out}}',
    inTitle: 'Received in the last second',
    outTitle: 'Sent in the last second',
    reset: 'Reset counters',
    resetTitle: "Set this session's counters to zero; they count exactly from now",
    total: 'Total ↓ {{inRate}} ↑ {{outRate}}',
  },
};
