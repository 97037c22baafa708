/**
 * A kiosk's health as the Kiosks screen shows it (docs/design.md: Kiosk health): browser and version, screen size,
 * fullscreen, focus and visibility, and the app version of its last report.
 */
import { html } from 'lit';
import type { KioskDto } from '../../../shared/protocol.ts';
import { t } from '../i18n.ts';

/** The contents of the 'Browser en scherm' cell. */
export function kioskHealthCell(k: Pick<KioskDto, 'health'>) {
  const h = k.health;
  if (!h) return html`<span class="muted">${t('kiosks.healthNone')}</span>`;
  const states = [
    t(h.fullscreen ? 'kiosks.fullscreen' : 'kiosks.notFullscreen'),
    t(h.focused ? 'kiosks.focused' : 'kiosks.notFocused'),
    ...(h.visible ? [] : [t('kiosks.hidden')]),
  ];
  const fine = h.fullscreen && h.focused && h.visible;
  return html`<span class="health">${h.browser} ${h.version}</span>
    <small class="muted">${h.screen.width} × ${h.screen.height} · ${t('kiosks.appVersion', { version: h.appVersion })}</small>
    <span class="badge ${fine ? '' : 'warn'}">${states.join(', ')}</span>`;
}
