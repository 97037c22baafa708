/** Choosing the store and saying why PostgreSQL cannot be used, never with the password (server/store/open.ts). */
import { expect } from 'chai';
import { StoreOpenError, checkDatabaseUrl, databaseUrl, pgProblem, redactUrl } from '../../server/store/open.ts';

describe('the store a process opens (INZAGE_DATABASE_URL)', () => {
  it('is PostgreSQL only when the setting holds something', () => {
    expect(databaseUrl({})).to.equal(undefined);
    expect(databaseUrl({ INZAGE_DATABASE_URL: '  ' })).to.equal(undefined);
    expect(databaseUrl({ INZAGE_DATABASE_URL: ' postgres://h/d ' })).to.equal('postgres://h/d');
  });

  it('shows a URL with its password replaced, in the user part and as a parameter', () => {
    expect(redactUrl('postgres://inzage:s%40cret@db:5432/inzage?password=zz&sslmode=require')).to.equal('postgres://inzage:***@db:5432/inzage?password=***&sslmode=require');
    expect(redactUrl('postgres://inzage@db/inzage')).to.equal('postgres://inzage@db/inzage');
  });

  it('says why in words and scrubs the password from what the driver said, as written and decoded', () => {
    const url = 'postgres://u:s%40cret@db/x';
    expect(pgProblem(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' }), url)).to.equal('nothing answers at its address (is PostgreSQL running there?)');
    expect(pgProblem(Object.assign(new AggregateError([Object.assign(new Error(''), { code: 'ECONNREFUSED' })], ''), {}), url)).to.equal('nothing answers at its address (is PostgreSQL running there?)');
    expect(pgProblem(new Error('Connection terminated due to connection timeout'), url)).to.equal('no answer in time');
    expect(pgProblem(new Error('odd: s@cret and s%40cret.'), url)).to.equal('odd: *** and ***');
  });

  it('refuses what is not a postgres:// URL before connecting', () => {
    expect(() => checkDatabaseUrl('mysql://h/d')).to.throw(StoreOpenError, 'INZAGE_DATABASE_URL must be a postgres:// URL');
    expect(() => checkDatabaseUrl('postgres://u:p@[bad/d')).to.throw(StoreOpenError, 'is not a valid URL');
    expect(() => checkDatabaseUrl('postgresql://u@h:5432/d')).not.to.throw();
  });
});
