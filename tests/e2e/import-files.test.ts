/**
 * The console's 'Importeren' with the files a school has (issue 13), in real Chromium against the real server:
 * a QTI package as a zip and a Dutch CSV list chosen together, checked in a dry run that says what each file was
 * read as and writes nothing, then imported; then QTI results dropped onto the card, with the group they go
 * into, giving a group whose results list the candidates by name.
 */
import { expect } from 'chai';
import type { ItemQuestion } from '../../shared/schema.ts';
import { screenshot } from '../helpers/browser.ts';
import { loggedIn, type StaffClient } from '../helpers/server.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { useE2E } from '../support/e2e.ts';
import { BBQS_EXAM, importableBbqs, zipFolder } from '../support/qti.ts';
import { keyAnswer, resultXml } from '../support/qtiResults.ts';

const CSV = 'Examennummer;Voornaam;Tussenvoegsel;Achternaam;Klas\n4101;Zoë;;Brouwer;4H2\n4102;Anaïs;van der;Meer;4H2\n';

describe('console: importing a QTI package, a candidate list and results (e2e)', function () {
  this.timeout(120_000);
  const e2e = useE2E({ server: { data: null }, noPageErrors: true });
  let admin: StaffClient;
  let dir: string;
  let zip: Buffer;
  before(async () => {
    admin = await loggedIn(e2e.ts.base, 'boss');
    dir = tempDir('e2e-import');
    zip = Buffer.from(zipFolder(importableBbqs(dir)));
  });
  after(() => removeDir(dir));

  it('checks a zip and a CSV in a dry run, imports them, and takes dropped results files into a group', async () => {
    const { page } = await e2e.console('boss', { viewport: { width: 1280, height: 900 } });
    await page.getByRole('navigation').getByRole('link', { name: 'Importeren', exact: true }).click();
    await page.getByRole('heading', { name: 'Importeren', level: 1 }).waitFor();

    await page.getByLabel('Importbestanden').setInputFiles([
      { name: 'bbqs.zip', mimeType: 'application/zip', buffer: zip },
      { name: 'klas.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) },
    ]);
    const checked = page.getByRole('region', { name: 'Controle geslaagd' });
    await checked.waitFor();
    expect(await checked.getByRole('region', { name: 'Gelezen bestanden' }).getByRole('listitem').allTextContents())
      .to.deep.equal(['bbqs.zip: QTI-pakket met 1 toets', 'klas.csv: kandidatenlijst met 2 kandidaten']);
    const counts = checked.getByRole('table', { name: 'Wat de import zal veranderen' });
    const row = async (kind: string) => counts.getByRole('row', { name: kind }).getByRole('cell').allTextContents();
    expect(await row('Examens')).to.deep.equal(['1', '0', '0']);
    expect(await row('Kandidaten')).to.deep.equal(['2', '0', '0']);
    expect((await admin.call('GET', '/api/exams')).json).to.deep.equal([]); // the dry run wrote nothing
    await screenshot(page, 'console-admin-import-files-dry-run');

    await checked.getByRole('button', { name: 'Importeren', exact: true }).click();
    const done = page.getByRole('region', { name: 'Geïmporteerd' });
    await done.getByRole('status').filter({ hasText: '‘bbqs.zip, klas.csv’ is geïmporteerd.' }).waitFor();
    await done.getByRole('button', { name: 'Nog een bestand importeren' }).click();

    // results, dropped onto the card, into a group given by its code and name
    const questions = e2e.ts.store.content.exam(BBQS_EXAM)!.questions as ItemQuestion[];
    const answers = new Map(questions.map((q) => [q.id, { values: keyAnswer(q), score: 1 }]));
    const files = ['4101', '4102'].map((n) => ({ name: `${n}.xml`, text: resultXml(n, BBQS_EXAM, answers) }));
    await page.getByLabel('Code van de groep').fill('4h-ne');
    await page.getByLabel('Naam van de groep (optioneel)').fill('4H Nederlands');
    const card = page.getByRole('region', { name: 'Bestanden kiezen' });
    const transfer = await page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/xml' }));
      return dt;
    }, files);
    await card.dispatchEvent('dragover', { dataTransfer: transfer });
    await card.getByText('Laat de bestanden los om ze te controleren.').waitFor();
    await card.dispatchEvent('drop', { dataTransfer: transfer });
    const results = page.getByRole('region', { name: 'Controle geslaagd' });
    await results.waitFor();
    expect(await results.getByRole('region', { name: 'Gelezen bestanden' }).getByRole('listitem').allTextContents())
      .to.deep.equal(['4101.xml: QTI-resultaten, 1 bestand', '4102.xml: QTI-resultaten, 1 bestand']);
    expect(await results.getByRole('table', { name: 'Wat de import zal veranderen' }).getByRole('row', { name: 'Afnames' }).getByRole('cell').allTextContents())
      .to.deep.equal(['2', '0', '0']);
    await results.getByRole('button', { name: 'Importeren', exact: true }).click();
    await page.getByRole('region', { name: 'Geïmporteerd' }).waitFor();

    const group = (await admin.call('GET', '/api/groups/4h-ne/results')).json;
    expect(group.group.name).to.equal('4H Nederlands');
    expect(group.rows.map((r: { name: string }) => r.name)).to.have.members(['Zoë Brouwer', 'Anaïs van der Meer']);
  });

  it('says that results need a group, and checks them again once one is given', async () => {
    const { page } = await e2e.console('boss');
    await page.getByRole('navigation').getByRole('link', { name: 'Importeren', exact: true }).click();
    const answers = new Map([[(e2e.ts.store.content.exam(BBQS_EXAM)!.questions[0]!).id, { values: {}, score: 0 }]]);
    await page.getByLabel('Importbestanden').setInputFiles([{ name: '4101.xml', mimeType: 'text/xml', buffer: Buffer.from(resultXml('4101', BBQS_EXAM, answers)) }]);
    const alert = page.getByRole('alert').filter({ hasText: 'Het importbestand bevat 1 fout(en). Er is niets opgeslagen.' });
    await alert.waitFor();
    expect(await alert.getByRole('listitem').allTextContents()).to.deep.equal(['QTI-resultaten horen in een afnamegroep: geef haar id (--group ID op de opdrachtregel, "Afnamegroep" in de console)']);
    await page.getByLabel('Code van de groep').fill('4h-ne');
    await page.getByRole('button', { name: 'Opnieuw controleren' }).click();
    await page.getByRole('region', { name: 'Controle geslaagd' }).waitFor();
  });
});
