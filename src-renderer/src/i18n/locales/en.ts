import { appEn } from '../../app/locales/en';
import { statusEn } from '../../features/status/locales/en';
import { sessionsEn } from '../../features/sessions/locales/en';
import { teachingEn } from '../../features/teaching/locales/en';
import { chatEn } from '../../features/chat/locales/en';
import { autoReplyEn } from '../../features/auto-reply/locales/en';
import { logEn } from '../../features/log/locales/en';
import { networkEn } from '../../features/network/locales/en';
import { composerEn } from '../../features/composer/locales/en';
import { dialogsEn } from '../../features/dialogs/locales/en';
import { captureEn } from '../../features/capture/locales/en';
import { scenarioEn } from '../../features/scenario/locales/en';
import type { Shape } from '../shape';

/**
 * English: each feature's texts (features/<feature>/locales/en.ts, app-wide ones in app/locales/en.ts)
 * merged into one tree, so every t() key reads as before. Every key here must exist in zh-CN.ts too
 * (a unit test checks).
 */
export const en = {
  ...appEn,
  ...statusEn,
  ...sessionsEn,
  ...teachingEn,
  ...chatEn,
  ...autoReplyEn,
  ...logEn,
  ...networkEn,
  ...composerEn,
  ...dialogsEn,
  ...captureEn,
  ...scenarioEn,
};

/** The shape every locale must have (see ../shape.ts). */
export type Locale = Shape<typeof en>;
