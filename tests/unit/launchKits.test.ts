import { DOMParser } from '@xmldom/xmldom';
import { expect } from 'chai';
import { CHROMIUM_KIOSK_FLAGS, LAUNCH_KIT_KINDS, launchKit } from '../../server/kiosks/launchKits.ts';

const URL_ = 'http://192.168.10.5:3000/kiosk/';

describe('launch kits', () => {
  it('starts Chromium in kiosk mode at this server\'s kiosk page from a Linux autostart entry', () => {
    const kit = launchKit('desktop', URL_, 'Station 3 (lokaal B2.14)');
    expect(kit.fileName).to.equal('inzage-kiosk-station-3-lokaal-b2-14.desktop');
    const lines = kit.body.split('\n');
    expect(lines[0]).to.equal('[Desktop Entry]');
    expect(lines).to.include('Type=Application');
    expect(lines.find((l) => l.startsWith('Exec='))).to.equal(`Exec=chromium ${CHROMIUM_KIOSK_FLAGS.join(' ')} ${URL_}`);
  });

  it('keeps it running as a systemd user unit', () => {
    const kit = launchKit('systemd', URL_, 'Station 3');
    expect(kit.body).to.match(/^\[Unit\]$/m).and.to.match(/^\[Service\]$/m).and.to.match(/^Restart=always$/m);
    expect(kit.body).to.contain(`ExecStart=/usr/bin/chromium --kiosk `).and.to.contain(` ${URL_}\n`);
    expect(kit.body).to.match(/^WantedBy=graphical-session\.target$/m);
  });

  it('sets up Windows Assigned Access with Edge, its Assigned Access XML well-formed and naming the page', () => {
    const kit = launchKit('windows', URL_, 'Station 3');
    expect(kit.fileName).to.equal('inzage-kiosk-station-3.ps1');
    expect(kit.body).to.contain(`$KioskUrl = "${URL_}"`).and.to.contain('MDM_AssignedAccess');
    const xml = kit.body.split('$AssignedAccess = @"\r\n')[1]!.split('\r\n"@')[0]!;
    const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') throw new Error(msg); } }).parseFromString(xml, 'text/xml');
    const app = doc.getElementsByTagName('KioskModeApp')[0]!;
    expect(app.getAttribute('v4:ClassicAppArguments')).to.equal(`--kiosk ${URL_} --edge-kiosk-type=fullscreen --kiosk-idle-timeout-minutes=0 --no-first-run`);
    expect(doc.getElementsByTagName('AutoLogonAccount')).to.have.length(1);
  });

  it('refuses a page address that would need quoting in a shell or script line', () => {
    for (const bad of ['http://x/kiosk/"; rm -rf ~ #', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      for (const kind of LAUNCH_KIT_KINDS) expect(() => launchKit(kind, bad, 'S'), `${kind} ${bad}`).to.throw(/adres/);
    }
  });
});
