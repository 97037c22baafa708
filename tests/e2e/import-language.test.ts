/**
 * Issue 15 item 2: one language per screen. The Dutch console shows an import error (a score above the maximum,
 * beside a structural error elsewhere: every error in one run) in Dutch and never its English text; switched to
 * English, the same screen shows the English text and no Dutch one. Real server, real browser.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';

const DUTCH = {
  score: 'sittings[0].responses[1].score: Score 3 is hoger dan het maximum van 2 voor deze vraag',
  name: 'candidates[0].firstName: te kort: minstens 1 tekens',
};
const ENGLISH = {
  score: "sittings[0].responses[1].score: 3 is more than the question's maximum of 2",
  name: 'candidates[0].firstName: Too small: expected string to have >=1 characters',
};

describe('console import errors in the console\'s language (e2e)', function () {
  this.timeout(90_000);
  const e2e = useE2E({ noPageErrors: true });

  it('shows an import error in Dutch in the Dutch console and in English in the English one, never the other', async () => {
    const file = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
    file.sittings[0].responses[1].score = 3;
    file.candidates[0].firstName = '';
    const { page } = await e2e.console('boss');
    await page.getByRole('navigation').getByRole('link', { name: 'Importeren', exact: true }).click();
    await page.getByRole('heading', { name: 'Importeren', level: 1 }).waitFor();
    await page.getByLabel('Importbestand').setInputFiles({ name: 'fout.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });

    const dutch = page.getByRole('alert').filter({ hasText: 'Het importbestand bevat 2 fout(en). Er is niets opgeslagen.' });
    await dutch.waitFor();
    const items = await dutch.getByRole('listitem').allTextContents();
    expect(items).to.have.members([DUTCH.score, DUTCH.name]);
    const dutchText = (await dutch.textContent()) ?? '';
    expect(dutchText).to.not.contain('more than').and.not.contain('Too small');

    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('alert').filter({ hasText: 'The import file has 2 error(s). Nothing was saved.' });
    await english.waitFor();
    expect(await english.getByRole('listitem').allTextContents()).to.have.members([ENGLISH.score, ENGLISH.name]);
    const englishText = (await english.textContent()) ?? '';
    expect(englishText).to.not.contain('hoger dan').and.not.contain('te kort');
  });
});
