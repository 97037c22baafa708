/**
 * Issue 15 item 2: one language per screen. The Dutch console shows an import error (a score above the maximum,
 * beside a structural error elsewhere: every error in one run) in Dutch and never its English text; switched to
 * English, the same screen shows the English text and no Dutch one. Likewise what the sanitiser removed from a
 * question's HTML (a warning), a QTI item question's check, and files that cannot be read (XML that is not
 * well-formed, a CSV list without a number column): the Dutch console shows none of their English texts.
 * Real server, real browser.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/server.ts';
import type { Page } from 'playwright-core';
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

  /** An item question whose key names no choice of its part: a QTI item check refuses it. */
  const itemQuestion = {
    id: 'q-kaart', number: 99, type: 'item', maxScore: 1, title: 'Kaart',
    stem: '<p>Kies <inzage-part ref="KEUZE"></inzage-part></p>',
    parts: [{ id: 'KEUZE', interaction: 'inlineChoice', cardinality: 'single', baseType: 'identifier',
      choices: [{ id: 'A', text: 'Utrecht' }, { id: 'B', text: 'Zwolle' }], key: ['C'] }],
  };

  async function choose(page: Page, name: string, mimeType: string, content: string) {
    await page.getByLabel('Importbestand').setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
  }

  /** The refusal's listed problems, once the alert says how many and names `about` (not an earlier file's). */
  async function refused(page: Page, n: number, about: string): Promise<string[]> {
    const alert = page.getByRole('alert').filter({ hasText: `Het importbestand bevat ${n} fout(en). Er is niets opgeslagen.` }).filter({ hasText: about });
    await alert.waitFor();
    return alert.getByRole('listitem').allTextContents();
  }

  const english = /removed|kept its text|not one of|not well-formed|header row|no column|unexpected|malformed/;

  it('shows a sanitiser warning, a QTI item check and unreadable XML and CSV files in Dutch, never in English', async () => {
    const { page } = await e2e.console('boss');
    await page.getByRole('navigation').getByRole('link', { name: 'Importeren', exact: true }).click();
    await page.getByRole('heading', { name: 'Importeren', level: 1 }).waitFor();

    // a warning: the sanitiser removed an element, twice, and kept its text
    const file = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
    file.exams[0].questions[0].stem += '<p><font color="red">rood</font> en <font>groen</font></p>';
    await choose(page, 'opmaak.json', 'application/json', JSON.stringify(file));
    const checked = page.getByRole('region', { name: 'Controle geslaagd' });
    await checked.waitFor();
    const warnings = await checked.getByRole('listitem').allTextContents();
    expect(warnings.join('\n')).to.contain('exams[0].questions[0].stem: verwijderd: <font>, de tekst is behouden (bij p > font, 2 keer)');
    expect(warnings.join('\n')).to.not.match(english);
    await checked.getByRole('button', { name: 'Annuleren' }).click();

    // an error: a QTI item question's key names no choice of its part
    const withItem = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
    withItem.exams[0].questions.push(itemQuestion);
    await choose(page, 'item.json', 'application/json', JSON.stringify(withItem));
    const itemErrors = await refused(page, 1, 'parts[0].key');
    expect(itemErrors).to.deep.equal([`exams[0].questions[${withItem.exams[0].questions.length - 1}].parts[0].key: "C" is geen van de keuzes van het onderdeel`]);

    // a file that is not well-formed XML (an EDEXML list broken off)
    await choose(page, 'leerlingen.xml', 'text/xml', '<?xml version="1.0"?>\n<EDEX><leerlingen></EDEX>\n');
    const xmlErrors = await refused(page, 1, 'leerlingen.xml');
    expect(xmlErrors).to.have.length(1);
    expect(xmlErrors[0]).to.match(/^leerlingen\.xml:2:\d+: geen goedgevormde XML: /);

    // a CSV list without a column for the candidate number
    await choose(page, 'klas.csv', 'text/csv', 'Voornaam;Achternaam\nZoë;Brouwer\n');
    const csvErrors = await refused(page, 1, 'klas.csv');
    expect(csvErrors).to.have.length(1);
    expect(csvErrors[0]).to.match(/^klas\.csv:1: kopregel: geen kolom voor .+ \(gevonden: "Voornaam", "Achternaam"\)$/);
    expect([...itemErrors, ...csvErrors].join('\n')).to.not.match(english);
  });
});
