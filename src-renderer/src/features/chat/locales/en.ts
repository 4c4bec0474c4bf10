/** The UDP chat. English; merged into i18n/locales/en.ts. */
export const chatEn = {
  chat: {
    with: 'Conversation with',
    pickPeer: 'Pick a peer in the table above (Chat), or reply to a datagram, to start a conversation.',
    placeholder: 'Message… (Enter sends)',
    unencodable: '"{{char}}" cannot be written in the chosen encoding.',
  },
};
