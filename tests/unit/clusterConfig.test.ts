/** INZAGE_DATABASE_URL, INZAGE_REDIS_URL, INZAGE_ADAPTER, INZAGE_CLUSTER_PREFIX: the cluster settings, and which adapter. */
import { expect } from 'chai';
import { clusterFrom } from '../../server/config.ts';
import { adapterKind } from '../../server/cluster/adapter.ts';

describe('cluster settings from the environment', () => {
  it('is one process when neither a database nor Redis is configured', () => {
    expect(clusterFrom({})).to.equal(undefined);
    expect(clusterFrom({ INZAGE_DATABASE_URL: ' ', INZAGE_REDIS_URL: '' })).to.equal(undefined);
  });

  it('takes the Redis streams adapter when Redis is configured, the PostgreSQL adapter when only the database is', () => {
    const both = clusterFrom({ INZAGE_DATABASE_URL: 'postgres://inzage@db/inzage', INZAGE_REDIS_URL: 'redis://cache:6379' })!;
    expect(both).to.deep.equal({ databaseUrl: 'postgres://inzage@db/inzage', redisUrl: 'redis://cache:6379' });
    expect(adapterKind(both)).to.equal('redis');
    const pgOnly = clusterFrom({ INZAGE_DATABASE_URL: 'postgresql://inzage@db/inzage' })!;
    expect(adapterKind(pgOnly)).to.equal('postgres');
    const chosen = clusterFrom({ INZAGE_DATABASE_URL: 'postgres://db/i', INZAGE_REDIS_URL: 'redis://cache', INZAGE_ADAPTER: 'postgres', INZAGE_CLUSTER_PREFIX: 'school_a' })!;
    expect(adapterKind(chosen)).to.equal('postgres');
    expect(chosen.prefix).to.equal('school_a');
  });

  it('stops the start on Redis without a database, a bad URL, adapter or prefix', () => {
    expect(() => clusterFrom({ INZAGE_REDIS_URL: 'redis://cache' })).to.throw(/INZAGE_DATABASE_URL/);
    expect(() => clusterFrom({ INZAGE_DATABASE_URL: 'postgres://db/i', INZAGE_REDIS_URL: 'http://cache' })).to.throw(/INZAGE_REDIS_URL/);
    expect(() => clusterFrom({ INZAGE_DATABASE_URL: 'mysql://db/i' })).to.throw(/INZAGE_DATABASE_URL/);
    expect(() => clusterFrom({ INZAGE_DATABASE_URL: 'postgres://db/i', INZAGE_ADAPTER: 'memory' })).to.throw(/INZAGE_ADAPTER/);
    expect(() => clusterFrom({ INZAGE_DATABASE_URL: 'postgres://db/i', INZAGE_ADAPTER: 'redis' })).to.throw(/INZAGE_REDIS_URL/);
    expect(() => clusterFrom({ INZAGE_DATABASE_URL: 'postgres://db/i', INZAGE_CLUSTER_PREFIX: 'Bad-Prefix' })).to.throw(/INZAGE_CLUSTER_PREFIX/);
  });
});
