/** The password-hash cost setting and the common-password check (server/auth/passwords.ts, passwordPolicy.ts). */
import { expect } from 'chai';
import { isWeakPassword } from '../../server/auth/passwordPolicy.ts';
import { SCRYPT_PARAMS, scryptParamsFrom } from '../../server/auth/passwords.ts';

describe('INZAGE_SCRYPT_N', () => {
  it('takes the default when unset or empty, in any environment', () => {
    for (const env of [undefined, 'production', 'test']) {
      expect(scryptParamsFrom(undefined, env)).to.deep.equal(SCRYPT_PARAMS);
      expect(scryptParamsFrom(' ', env)).to.deep.equal(SCRYPT_PARAMS);
      expect(scryptParamsFrom('131072', env)).to.deep.equal(SCRYPT_PARAMS);
    }
  });

  it('lets only a test run lower the cost', () => {
    expect(scryptParamsFrom('16384', 'test')).to.deep.equal({ N: 16384, r: 8, p: 1 });
    expect(scryptParamsFrom('65536', 'test').N).to.equal(65536);
    for (const env of [undefined, '', 'production', 'development', 'TEST']) {
      expect(() => scryptParamsFrom('16384', env), String(env)).to.throw(/would lower the password-hash cost below the default \(131072\); only test runs \(NODE_ENV=test\)/);
    }
  });

  it('refuses what is not a power of two from 2^14 to 2^17, even in a test run', () => {
    for (const v of ['1024', '8192', '20000', '262144', '1e5', '0x4000', '-16384', 'abc', '16384.0']) {
      expect(() => scryptParamsFrom(v, 'test'), v).to.throw(/must be a power of two from 16384 to 131072/);
    }
  });
});

describe('common and breached passwords', () => {
  it('finds listed passwords whatever their case, and the username', () => {
    for (const p of ['password123', 'PASSWORD123', 'Qwertyuiop', 'wachtwoord', 'Basketball', '1q2w3e4r5t6y']) expect(isWeakPassword(p, 'anna'), p).to.equal(true);
    expect(isWeakPassword('Anna.de.Vries', 'anna.de.vries')).to.equal(true);
    expect(isWeakPassword(' anna.de.vries ', 'anna.de.vries')).to.equal(true);
  });

  it('lets other passwords through', () => {
    for (const p of ['Geheim-sup1-2026!', 'paard-staat-op-het-dak', 'password1234567x', 'anna.de.vries2']) expect(isWeakPassword(p, 'anna.de.vries'), p).to.equal(false);
  });
});
