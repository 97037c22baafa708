/**
 * A process whose host vanishes must lose its lease in seconds, not hours (docs/design.md: Several server processes,
 * failover): the lease connection sets PostgreSQL's TCP keepalive for itself (LEASE_KEEPALIVE), so that the database
 * drops a silent holder and frees its locks. Skipped with a hint without PostgreSQL or Redis, except under CI=true.
 */
import { expect } from 'chai';
import { Cluster } from '../../server/cluster/index.ts';
import { LEASE_KEEPALIVE } from '../../server/cluster/cluster.ts';
import { systemClock } from '../../server/clock.ts';
import { TEST_DATABASE_URL, pgSchemaPerTest } from '../support/pg.ts';
import { TEST_REDIS_URL, dropRedisPrefix, redisPrefix, requireRedis } from '../support/redis.ts';

describe('the cluster lease connection', () => {
  let prefix = '';
  before(async function () { await requireRedis(this); });
  beforeEach(() => { prefix = redisPrefix(); });
  afterEach(() => dropRedisPrefix(prefix));
  const schema = pgSchemaPerTest();

  it('has PostgreSQL probe it after 10 s idle, every 5 s, 3 times: a vanished holder loses the lease in about 25 s', async () => {
    const cluster = new Cluster({ databaseUrl: TEST_DATABASE_URL, schema: schema.name, redisUrl: TEST_REDIS_URL, prefix }, systemClock, () => 0, () => undefined);
    try {
      await cluster.ready;
      // the test database is reached over TCP (127.0.0.1), where these apply (a Unix socket reads 0)
      expect(await cluster.leaseKeepalive()).to.deep.equal({ ...LEASE_KEEPALIVE });
    } finally {
      await cluster.close();
    }
  });
});
