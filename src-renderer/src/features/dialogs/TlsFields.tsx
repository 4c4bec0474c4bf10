import { useTranslation } from 'react-i18next';
import { TLS_VERSIONS } from '../../../../src-shared/contract';
import type { TypedFields } from './typed-fields';
import type { DialogFields } from './tls-options';
import { Field, TextField } from './Field';
import { touchProps } from '../../ui/touch-props';

type Fields = TypedFields<DialogFields>;
type Key = Extract<keyof DialogFields, string>;

/** A field's onChange and onTouch: whatever the user does to a field makes it theirs (remembered values leave it alone). */
function bound<K extends Key>(fields: Fields, key: K) {
  return {
    onChange: (value: DialogFields[K]) => fields.set(key, value),
    onTouch: () => fields.touch(key),
  };
}

function CheckField({
  fields,
  name,
  label,
  hint,
  testId,
}: {
  fields: Fields;
  name: 'tls' | 'tlsVerify' | 'tlsRequestClientCert';
  label: string;
  hint?: string;
  testId: string;
}) {
  const { onChange, onTouch } = bound(fields, name);
  return (
    <Field label={label} hint={hint}>
      <input
        type="checkbox"
        className="field-checkbox"
        data-testid={testId}
        checked={fields.values[name]}
        {...touchProps(onTouch)}
        onChange={(e) => onChange(e.target.checked)}
      />
    </Field>
  );
}

function VersionField({
  fields,
  name,
  label,
  testId,
}: {
  fields: Fields;
  name: 'tlsMinVersion' | 'tlsMaxVersion';
  label: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const { onChange, onTouch } = bound(fields, name);
  return (
    <Field label={label}>
      <select
        data-testid={testId}
        value={fields.values[name]}
        {...touchProps(onTouch)}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{t('dialog.tlsVersionDefault')}</option>
        {TLS_VERSIONS.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A TCP client's TLS layer (tls.connect over the connection): off by default, its options shown when on. */
export function TlsClientFields({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const { values } = fields;
  return (
    <div className="tls-fields" data-testid="tls-client-fields">
      <CheckField
        fields={fields}
        name="tls"
        label={t('dialog.tls')}
        hint={t('dialog.tlsClientHint')}
        testId="tcp-client-tls"
      />
      {values.tls && (
        <>
          <TextField
            label={t('dialog.tlsServername')}
            hint={t('dialog.tlsServernameHint')}
            testId="tls-servername"
            value={values.tlsServername}
            placeholder={values.host.trim()}
            {...bound(fields, 'tlsServername')}
          />
          <TextField
            label={t('dialog.tlsAlpn')}
            hint={t('dialog.tlsAlpnHint')}
            testId="tls-alpn"
            value={values.tlsAlpn}
            placeholder="h2, http/1.1"
            {...bound(fields, 'tlsAlpn')}
          />
          <VersionField
            fields={fields}
            name="tlsMinVersion"
            label={t('dialog.tlsMinVersion')}
            testId="tls-min-version"
          />
          <VersionField
            fields={fields}
            name="tlsMaxVersion"
            label={t('dialog.tlsMaxVersion')}
            testId="tls-max-version"
          />
          <CheckField
            fields={fields}
            name="tlsVerify"
            label={t('dialog.tlsVerify')}
            hint={t('dialog.tlsVerifyHint')}
            testId="tls-verify"
          />
          <TextField
            label={t('dialog.tlsCaFile')}
            hint={t('dialog.tlsCaFileHint')}
            testId="tls-ca-file"
            value={values.tlsCaFile}
            {...bound(fields, 'tlsCaFile')}
          />
          <TextField
            label={t('dialog.tlsClientCertFile')}
            hint={t('dialog.tlsClientCertHint')}
            testId="tls-cert-file"
            value={values.tlsCertFile}
            {...bound(fields, 'tlsCertFile')}
          />
          <TextField
            label={t('dialog.tlsKeyFile')}
            testId="tls-key-file"
            value={values.tlsKeyFile}
            {...bound(fields, 'tlsKeyFile')}
          />
          <TextField
            label={t('dialog.tlsHandshakeTimeout')}
            testId="tls-handshake-timeout"
            value={values.tlsHandshakeTimeoutMs}
            numeric
            {...bound(fields, 'tlsHandshakeTimeoutMs')}
          />
        </>
      )}
    </div>
  );
}

/** A TCP server's TLS layer: every accepted client is wrapped in TLS. */
export function TlsServerFields({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  const { values } = fields;
  return (
    <div className="tls-fields" data-testid="tls-server-fields">
      <CheckField
        fields={fields}
        name="tls"
        label={t('dialog.tls')}
        hint={t('dialog.tlsServerHint')}
        testId="tcp-server-tls"
      />
      {values.tls && (
        <>
          <TextField
            label={t('dialog.tlsServerCertFile')}
            hint={t('dialog.tlsSelfSignedHint')}
            testId="tls-cert-file"
            value={values.tlsCertFile}
            {...bound(fields, 'tlsCertFile')}
          />
          <TextField
            label={t('dialog.tlsKeyFile')}
            testId="tls-key-file"
            value={values.tlsKeyFile}
            {...bound(fields, 'tlsKeyFile')}
          />
          <CheckField
            fields={fields}
            name="tlsRequestClientCert"
            label={t('dialog.tlsRequestClientCert')}
            hint={t('dialog.tlsRequestClientCertHint')}
            testId="tls-request-client-cert"
          />
          <TextField
            label={t('dialog.tlsCaFile')}
            hint={t('dialog.tlsClientCaHint')}
            testId="tls-ca-file"
            value={values.tlsCaFile}
            {...bound(fields, 'tlsCaFile')}
          />
        </>
      )}
    </div>
  );
}
