/** `inzage user add|passwd|list`: staff accounts (docs/design.md: Security model, README, Command line). */
import { Option, type Command } from 'commander';
import type { Role } from '../../shared/domain.ts';
import { DomainError } from '../../shared/errors.ts';
import { DocSessionStore } from '../auth/sessionStore.ts';
import { createUser, setPassword } from '../auth/users.ts';
import { CliError, dataDir, dataOption, readStdinLine, say, table, withStore } from './common.ts';

const STDIN_NOTE = 'A password piped in on stdin (its first line) is used as is; without one a password is generated, shown once, and must be changed at first login.';

export function registerUser(program: Command): void {
  const user = program.command('user').description('manage staff accounts');

  user
    .command('add')
    .summary('create a staff account')
    .description(`create a staff account. ${STDIN_NOTE}`)
    .argument('<name>', 'username: lowercase letters, digits, ".", "_" or "-"')
    .addOption(new Option('--role <role>', 'what the account may do').choices(['admin', 'supervisor']).makeOptionMandatory())
    .option('--display-name <name>', 'the name shown in the console')
    .addOption(dataOption())
    .action(async (name: string, opts: { role: Role; displayName?: string; data: string }) => {
      const password = (await readStdinLine()) ?? undefined;
      const dir = dataDir(opts);
      const r = await withStore(dir, async (store) => {
        const created = await userAction(() => createUser(store.staff, { username: name, role: opts.role, displayName: opts.displayName, password }));
        await store.audit.append({ actor: 'cli', action: 'user.created', target: created.user.username, details: { role: created.user.role } });
        return created;
      }, { write: true });
      say(`Created ${r.user.role} "${r.user.username}".`);
      if (r.generated) say(`Password (shown only this once; it must be changed at first login): ${r.password}`);
    });

  user
    .command('passwd')
    .summary('set a new password for a staff account')
    .description(`set a new password for a staff account. ${STDIN_NOTE}`)
    .argument('<name>', 'username')
    .addOption(dataOption())
    .action(async (name: string, opts: { data: string }) => {
      const password = (await readStdinLine()) ?? undefined;
      const dir = dataDir(opts);
      const r = await withStore(dir, async (store) => {
        const changed = await userAction(() => setPassword(store.staff, name, password));
        // as a reset in the console does: whoever was logged in with the old password is logged out
        await new DocSessionStore(store.loginSessions, Date.now).destroyAllOfUser(changed.user.id);
        await store.audit.append({ actor: 'cli', action: 'user.password-reset', target: changed.user.username, details: { generated: changed.generated } });
        return changed;
      }, { write: true, requireData: true });
      say(`Set a new password for "${r.user.username}".`);
      if (r.generated) say(`Password (shown only this once; it must be changed at first login): ${r.password}`);
    });

  user
    .command('list')
    .description('list staff accounts')
    .addOption(dataOption())
    .action((opts: { data: string }) => withStore(dataDir(opts), (store) => {
      const users = store.staff.all();
      if (!users.length) return say('No staff accounts.');
      const status = (u: (typeof users)[number]) => (u.disabled ? 'disabled' : u.mustChangePassword ? 'must change password' : 'active');
      say(table(['USERNAME', 'ROLE', 'NAME', 'STATUS'], users.map((u) => [u.username, u.role, u.displayName, status(u)])));
    }, { requireData: true }));
}

async function userAction<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DomainError) throw new CliError(e.message);
    throw e;
  }
}
