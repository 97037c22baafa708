/**
 * A Safe Exam Browser config file (`.seb`, unencrypted plist) for this server's kiosk page (docs/design.md: Safe
 * Exam Browser): start at the kiosk page, allow only this server, send the Browser and Config Keys (HTTP headers for
 * SEB for Windows, the JavaScript API in the modern WebView of SEB for macOS/iOS), quit only with the password.
 * Its Config Key is computed as SEB computes it, so the server can check what SEB sends without copying keys by hand.
 */
import { createHash } from 'node:crypto';
import { configKey } from './keys.ts';
import { plistOf, writePlist } from './plist.ts';

export interface SebConfigInput {
  /** the kiosk page, absolute: `https://inzage.school.nl/kiosk/` */
  kioskUrl: string;
  /** the password that quits SEB on the station; SEB stores its SHA-256 */
  quitPassword: string;
}

export interface SebConfig { file: string; configKey: string }

export function sebConfig(input: SebConfigInput): SebConfig {
  const url = new URL(input.kioskUrl);
  const settings = plistOf({
    sebConfigPurpose: 0, // starting an exam
    startURL: url.href,
    sendBrowserExamKey: true,
    browserWindowWebView: 3, // prefer the modern WebView: the keys come through SEB's JavaScript API
    allowQuit: true,
    hashedQuitPassword: createHash('sha256').update(input.quitPassword, 'utf8').digest('hex'),
    URLFilterEnable: true,
    URLFilterEnableContentFilter: false,
    URLFilterRules: [
      { action: 1, active: true, expression: `${url.host}/*`, regex: false },
    ],
    allowBrowsingBackForward: false,
    browserWindowAllowReload: true,
    enablePrivateClipboard: true,
    allowSpellCheck: false,
    showTaskBar: false,
    showReloadButton: false,
    showTime: false,
    downloadAndOpenSebConfig: false,
    allowDownUploads: false,
  });
  return { file: writePlist(settings), configKey: configKey(settings) };
}
