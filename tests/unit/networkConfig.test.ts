/** INZAGE_ORIGINS, INZAGE_HOSTS and INZAGE_TRUST_PROXY: what the server takes, and what stops it at start. */
import { expect } from 'chai';
import { hostsFrom, originsFrom, trustProxyFrom } from '../../server/config.ts';

describe('network settings from the environment', () => {
  it('INZAGE_ORIGINS: comma-separated origins, normalised; a path, a wildcard or another scheme stops the start', () => {
    expect(originsFrom(undefined)).to.deep.equal([]);
    expect(originsFrom(' https://Inzage.School.nl , http://10.0.0.5:8080/ ')).to.deep.equal(['https://inzage.school.nl', 'http://10.0.0.5:8080']);
    for (const bad of ['*', 'inzage.school.nl', 'https://inzage.school.nl/admin', 'ftp://x.nl', 'null']) {
      expect(() => originsFrom(bad), bad).to.throw(/INZAGE_ORIGINS/);
    }
  });

  it('INZAGE_HOSTS: host names, lower-cased, a leading dot for a whole domain; a port or scheme stops the start', () => {
    expect(hostsFrom('Inzage.School.nl,.examens.example')).to.deep.equal(['inzage.school.nl', '.examens.example']);
    for (const bad of ['inzage.school.nl:3000', 'https://inzage.school.nl', '*']) expect(() => hostsFrom(bad), bad).to.throw(/INZAGE_HOSTS/);
  });

  it('INZAGE_TRUST_PROXY: off by default; hops or addresses; "true" (trust anyone) stops the start', () => {
    expect(trustProxyFrom(undefined)).to.equal(false);
    expect(trustProxyFrom('false')).to.equal(false);
    expect(trustProxyFrom('1')).to.equal(1);
    expect(trustProxyFrom('loopback, 10.0.0.0/8')).to.equal('loopback, 10.0.0.0/8');
    for (const bad of ['true', 'anyone!', '$(x)']) expect(() => trustProxyFrom(bad), bad).to.throw(/INZAGE_TRUST_PROXY/);
  });
});
