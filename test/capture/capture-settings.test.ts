import { describe, expect, it } from 'vitest';
import { validationError } from '../../src-main/service/validation-error';
import { schemas } from '../../src-main/service/commands';
import { bytesToMiBText, checkCaptureForm, type CaptureForm } from '../../src-shared/capture/settings';

const form = (over: Partial<CaptureForm>): CaptureForm => ({
  format: 'pcapng',
  directory: '',
  maxMiB: '100',
  maxFiles: '10',
  ...over,
});

describe('the capture form is checked before sending, as main checks it', () => {
  it('turns good text into start arguments (an empty folder means the default)', () => {
    expect(checkCaptureForm(form({ maxMiB: '0.5', maxFiles: '3' }))).toEqual({
      ok: true,
      args: { format: 'pcapng', maxBytes: 512 * 1024, maxFiles: 3 },
    });
    expect(checkCaptureForm(form({ directory: ' /data/caps ' }))).toMatchObject({
      ok: true,
      args: { directory: '/data/caps' },
    });
    expect(checkCaptureForm(form({ directory: 'C:\\caps' })).ok).toBe(true);
    expect(checkCaptureForm(form({ maxMiB: '1e3' }))).toMatchObject({
      args: { maxBytes: 1000 * 1024 * 1024 },
    });
  });

  const bad: [Partial<CaptureForm>, string, string][] = [
    [{ directory: 'relative/dir' }, 'directory', 'BAD_CAPTURE_FOLDER'],
    [{ maxMiB: '0' }, 'maxMiB', 'BAD_CAPTURE_SIZE'],
    [{ maxMiB: '0.001' }, 'maxMiB', 'BAD_CAPTURE_SIZE'],
    [{ maxMiB: 'abc' }, 'maxMiB', 'BAD_CAPTURE_SIZE'],
    [{ maxMiB: '' }, 'maxMiB', 'BAD_CAPTURE_SIZE'],
    [{ maxMiB: '-5' }, 'maxMiB', 'BAD_CAPTURE_SIZE'],
    [{ maxMiB: '2000000' }, 'maxMiB', 'BAD_CAPTURE_SIZE'],
    [{ maxFiles: '0' }, 'maxFiles', 'BAD_CAPTURE_FILES'],
    [{ maxFiles: '2.5' }, 'maxFiles', 'BAD_CAPTURE_FILES'],
    [{ maxFiles: 'ten' }, 'maxFiles', 'BAD_CAPTURE_FILES'],
    [{ maxFiles: '100001' }, 'maxFiles', 'BAD_CAPTURE_FILES'],
  ];
  for (const [over, field, code] of bad) {
    it(`${JSON.stringify(over)} → ${code} on ${field}, the same code main gives`, () => {
      const checked = checkCaptureForm(form(over));
      expect(checked).toMatchObject({ ok: false, field, error: { code } });
      // What main says when the same value arrives anyway (another client, an old renderer).
      const raw = {
        sessionId: 's1',
        format: 'pcapng',
        ...(over.directory ? { directory: over.directory } : {}),
        ...(over.maxMiB !== undefined ? { maxBytes: Math.round(Number(over.maxMiB) * 1024 * 1024) } : {}),
        ...(over.maxFiles !== undefined ? { maxFiles: Number(over.maxFiles) } : {}),
      };
      const parsed = schemas['capture.start'].safeParse(raw);
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(validationError(parsed.error, raw, 'capture.start').code).toBe(code);
    });
  }

  it('shows a running capture size in MiB as typed', () => {
    expect(bytesToMiBText(100 * 1024 * 1024)).toBe('100');
    expect(bytesToMiBText(64 * 1024)).toBe('0.0625');
    expect(bytesToMiBText(512 * 1024)).toBe('0.5');
  });
});
