/**
 * Issue 15 item 2: a refusal with a specific reason reads in the console's language. The English console shows
 * the server's reason for refusing a room name that is taken in English (not the code's generic 'This conflicts
 * with existing data.', not the server's Dutch); the Dutch console shows it in Dutch. Real server, real browser.
 */
import { expect } from 'chai';
import { en } from '../../admin/src/i18n/en.ts';
import { useE2E } from '../support/e2e.ts';

describe('a refusal in the console\'s language (e2e)', function () {
  this.timeout(90_000);
  const e2e = useE2E({ noPageErrors: true });

  it('says why a room name is refused in English in the English console, in Dutch in the Dutch one', async () => {
    const { page } = await e2e.console('boss');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation').getByRole('link', { name: en['nav.rooms'], exact: true }).click();
    const main = page.getByRole('main');
    await main.getByRole('heading', { name: en['rooms.title'], level: 1 }).waitFor();
    await main.getByLabel(en['rooms.addName']).fill('Aula');
    await main.getByRole('button', { name: en['rooms.add'] }).click();
    await main.getByRole('status').filter({ hasText: en['rooms.added'].replace('{name}', 'Aula') }).waitFor();

    await main.getByLabel(en['rooms.addName']).fill('aula');
    await main.getByRole('button', { name: en['rooms.add'] }).click();
    const english = main.getByRole('alert').filter({ hasText: 'There is already a room named "aula".' });
    await english.waitFor();
    const shown = (await english.textContent()) ?? '';
    expect(shown).to.not.contain('Er is al').and.not.contain('This conflicts with existing data');

    await page.getByRole('button', { name: 'Nederlands' }).click();
    await main.getByRole('button', { name: 'Lokaal toevoegen' }).click();
    await main.getByRole('alert').filter({ hasText: 'Er is al een lokaal met de naam "aula".' }).waitFor();
  });
});
