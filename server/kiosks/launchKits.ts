/**
 * Launch kits (docs/design.md: Kiosk PCs): the files that set up one station to open this server's kiosk page as a
 * locked-down browser, with the flags and policies of the README, filled in with the server's URL.
 *
 * - `desktop`: a Linux XDG autostart entry (`~/.config/autostart/inzage-kiosk.desktop`);
 * - `systemd`: a `systemd --user` unit (`~/.config/systemd/user/inzage-kiosk.service`) that restarts the browser;
 * - `windows`: a PowerShell script that sets Edge's kiosk policies and Windows 11 Assigned Access with Microsoft Edge as
 *   a single-app kiosk (Microsoft's configuration XML through the MDM bridge; run once as SYSTEM).
 */
import { refusal } from '../../shared/refusals.ts';

export type LaunchKitKind = 'desktop' | 'systemd' | 'windows';
export const LAUNCH_KIT_KINDS: readonly LaunchKitKind[] = ['desktop', 'systemd', 'windows'];

export interface LaunchKit { fileName: string; contentType: string; body: string }

/** The Chromium flags of the README's kiosk set-up. */
export const CHROMIUM_KIOSK_FLAGS = [
  '--kiosk', '--noerrdialogs', '--disable-translate', '--disable-pinch', '--overscroll-history-navigation=0',
  '--disable-features=TranslateUI,Translate', '--disable-print-preview', '--kiosk-printing', '--no-first-run',
  '--disable-session-crashed-bubble',
] as const;

/**
 * The kiosk page's URL, checked: http(s), and only characters a URL of ours can hold, so that it goes into a shell,
 * PowerShell or XML line with nothing to quote and nothing to inject.
 */
export function safeKioskUrl(kioskUrl: string): string {
  let url: URL;
  try {
    url = new URL(kioskUrl);
  } catch {
    throw refusal('invalid-url', 'kiosk-url-invalid', { url: kioskUrl });
  }
  const href = url.href;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !/^[A-Za-z0-9:/._~%\-[\]@]+$/.test(href)) {
    throw refusal('invalid-url', 'launch-url-invalid', { url: href });
  }
  return href;
}

const slug = (name: string) => name.normalize('NFD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'kiosk';

export function launchKit(kind: LaunchKitKind, kioskUrl: string, stationName: string): LaunchKit {
  const url = safeKioskUrl(kioskUrl);
  const command = `chromium ${CHROMIUM_KIOSK_FLAGS.join(' ')} ${url}`;
  const station = stationName.replace(/[\r\n]/g, ' ');
  switch (kind) {
    case 'desktop':
      return {
        fileName: `inzage-kiosk-${slug(station)}.desktop`,
        contentType: 'application/x-desktop; charset=utf-8',
        body: [
          '[Desktop Entry]',
          'Type=Application',
          `Name=Inzage kiosk (${station})`,
          `Comment=Opens ${url} as a locked-down kiosk. Install: copy to ~/.config/autostart/ of the kiosk account.`,
          `Exec=${command}`,
          'X-GNOME-Autostart-enabled=true',
          'NoDisplay=true',
          '',
        ].join('\n'),
      };
    case 'systemd':
      return {
        fileName: `inzage-kiosk-${slug(station)}.service`,
        contentType: 'text/plain; charset=utf-8',
        body: [
          `# Inzage kiosk (${station}): ${url}`,
          '# Install as the kiosk account: copy to ~/.config/systemd/user/inzage-kiosk.service, then',
          '#   systemctl --user daemon-reload && systemctl --user enable --now inzage-kiosk.service',
          '# and let the account log in automatically into a graphical session.',
          '[Unit]',
          'Description=Inzage kiosk browser',
          'After=graphical-session.target',
          'PartOf=graphical-session.target',
          '',
          '[Service]',
          `ExecStart=/usr/bin/${command}`,
          'Restart=always',
          'RestartSec=2',
          '',
          '[Install]',
          'WantedBy=graphical-session.target',
          '',
        ].join('\n'),
      };
    case 'windows': {
      // Microsoft's single-app kiosk with Edge (Assigned Access configuration XML, Windows 11), set through the
      // MDM bridge; the AutoLogonAccount is made by Windows and signs in by itself
      const xml = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<AssignedAccessConfiguration xmlns="http://schemas.microsoft.com/AssignedAccess/2017/config" xmlns:rs5="http://schemas.microsoft.com/AssignedAccess/201810/config" xmlns:v4="http://schemas.microsoft.com/AssignedAccess/2021/config">',
        '  <Profiles>',
        '    <Profile Id="{6f1c5b9e-2d3a-4c0e-9f5b-1a7e2c4d8b10}">',
        `      <KioskModeApp v4:ClassicAppPath="%ProgramFiles(x86)%\\Microsoft\\Edge\\Application\\msedge.exe" v4:ClassicAppArguments="--kiosk ${url} --edge-kiosk-type=fullscreen --kiosk-idle-timeout-minutes=0 --no-first-run" />`,
        '    </Profile>',
        '  </Profiles>',
        '  <Configs>',
        '    <Config>',
        '      <AutoLogonAccount rs5:DisplayName="Inzage kiosk" />',
        '      <DefaultProfile Id="{6f1c5b9e-2d3a-4c0e-9f5b-1a7e2c4d8b10}" />',
        '    </Config>',
        '  </Configs>',
        '</AssignedAccessConfiguration>',
      ];
      return {
        fileName: `inzage-kiosk-${slug(station)}.ps1`,
        contentType: 'text/plain; charset=utf-8',
        body: [
          `# Inzage kiosk (${station}): Windows 11 Assigned Access, Microsoft Edge as a single-app kiosk showing`,
          `# ${url} full screen, with the browser policies of the Inzage README.`,
          '# Run once on the station as SYSTEM (the MDM bridge requires it), for example: psexec.exe -i -s powershell.exe',
          '# then: powershell -ExecutionPolicy Bypass -File .\\<this file>. Windows creates the kiosk account and signs it in.',
          '$ErrorActionPreference = "Stop"',
          `$KioskUrl = "${url}"`,
          '$Policies = "HKLM:\\SOFTWARE\\Policies\\Microsoft\\Edge"',
          'New-Item -Path $Policies -Force | Out-Null',
          'foreach ($p in @(@("PrintingEnabled", 0), @("DeveloperToolsAvailability", 2), @("DownloadRestrictions", 3), @("InPrivateModeAvailability", 1), @("PasswordManagerEnabled", 0), @("AutofillAddressEnabled", 0), @("BrowserAddProfileEnabled", 0))) {',
          '  New-ItemProperty -Path $Policies -Name $p[0] -Value $p[1] -PropertyType DWord -Force | Out-Null',
          '}',
          'New-Item -Path "$Policies\\URLBlocklist" -Force | Out-Null',
          'New-ItemProperty -Path "$Policies\\URLBlocklist" -Name 1 -Value "*" -PropertyType String -Force | Out-Null',
          'New-Item -Path "$Policies\\URLAllowlist" -Force | Out-Null',
          'New-ItemProperty -Path "$Policies\\URLAllowlist" -Name 1 -Value ([Uri]$KioskUrl).GetLeftPart([UriPartial]::Authority) -PropertyType String -Force | Out-Null',
          '$AssignedAccess = @"',
          ...xml,
          '"@',
          '$obj = Get-CimInstance -Namespace "root\\cimv2\\mdm\\dmmap" -ClassName "MDM_AssignedAccess"',
          '$obj.Configuration = [System.Net.WebUtility]::HtmlEncode($AssignedAccess)',
          'Set-CimInstance -CimInstance $obj',
          'Write-Host "Assigned Access is set: sign out; the Inzage kiosk account signs in and opens $KioskUrl."',
          '',
        ].join('\r\n'),
      };
    }
  }
}
