import { useTranslation } from 'react-i18next';
import { useOffline } from '../../store/hooks';
import { useStore } from '../../store/store';

/** The empty state: what each kind of session is, in the terms of the classic programs. */
export function Welcome() {
  const { t } = useTranslation();
  const openDialog = useStore((s) => s.openDialog);
  const offline = useOffline();
  const cards = [
    {
      kind: 'udp',
      code: "s = socket(AF_INET, SOCK_DGRAM)\ns.bind(('', 7788))\ndata, addr = s.recvfrom(1024)",
    },
    {
      kind: 'tcp-client',
      code: "s = socket(AF_INET, SOCK_STREAM)\ns.connect(('127.0.0.1', 8080))\ns.send(b'hello')",
    },
    { kind: 'tcp-server', code: "s.bind(('', 8080))\ns.listen(128)\nclient, addr = s.accept()" },
  ] as const;
  return (
    <div className="welcome" data-testid="welcome">
      <h1>{t('welcome.title')}</h1>
      <p className="welcome-lead">{t('welcome.lead')}</p>
      <div className="welcome-cards">
        {cards.map((card) => (
          <button
            key={card.kind}
            type="button"
            className="welcome-card"
            data-testid={`welcome-${card.kind}`}
            disabled={offline}
            onClick={() => openDialog(card.kind)}
          >
            <span className={`kind-tag kind-${card.kind}`}>{t(`kind.${card.kind}`)}</span>
            <span className="welcome-card-text">{t(`welcome.${card.kind}`)}</span>
            <pre className="mono welcome-code">{card.code}</pre>
          </button>
        ))}
      </div>
    </div>
  );
}
