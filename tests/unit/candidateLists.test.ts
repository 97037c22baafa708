import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { detectDelimiter, parseCandidateCsv, parseCandidateEdexml, parseCandidateList, readCandidateList } from '../../server/import/candidates/index.ts';

const DIR = 'tests/fixtures/candidates';
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('candidate lists: CSV', () => {
  it('reads a Windows-1252 list with ";", mixed-case headers, and names with ë and é', async () => {
    const r = await readCandidateList(`${DIR}/windows-1252.csv`);
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    if (!r.ok) return;
    expect(r.candidates).to.deep.equal([
      { number: '4101', firstName: 'Zoë', lastName: 'Brouwer', className: '4H2' },
      { number: '4102', firstName: 'Anaïs', lastNamePrefix: 'van der', lastName: 'Meer', className: '4H2' },
      { number: '4103', firstName: 'René', lastName: 'Dekker', className: '4H3' },
    ]);
    expect(r.warnings).to.deep.equal([`${DIR}/windows-1252.csv: not UTF-8; read as Windows-1252`]);
  });

  it('reads a UTF-8 list with a byte order mark, ",", quoted fields and a blank line', async () => {
    const r = await readCandidateList(`${DIR}/utf8-bom.csv`);
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    if (!r.ok) return;
    expect(r.candidates).to.deep.equal([
      { number: '200311', firstName: 'Zoë', lastName: 'Brouwer', className: '4H2' },
      { number: '200312', firstName: 'Anaïs', lastNamePrefix: 'van der', lastName: 'Meer', className: '4H2, profiel NT' },
    ]);
    expect(r.warnings).to.deep.equal([]);
  });

  it('detects the delimiter from the header row, outside quotes', () => {
    expect(detectDelimiter('a;b;c\n1,2;3')).to.equal(';');
    expect(detectDelimiter('"a;b",c,d\n')).to.equal(',');
    expect(detectDelimiter('a\tb\n')).to.equal('\t');
    expect(detectDelimiter('examennummer\n')).to.equal(';');
  });

  it('reports every bad row at once, by line, naming the column as the file does', () => {
    const csv = [
      'Leerlingnummer;Voornaam;Achternaam;Klas',
      '1001;Sanne;Vries;4H2',
      '10 02;Mo;Amrani;4H2',
      '1003;;Jansen;4H3',
      '1001;Eva;Bakker;4H3',
      '1004;Tim;Smit;4H3;extra',
    ].join('\n');
    const r = parseCandidateCsv(utf8(csv), 'lijst.csv');
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.errors).to.deep.equal([
      'lijst.csv:3: "Leerlingnummer" letters, digits and "-" only, at most 20',
      'lijst.csv:4: "Voornaam" is empty',
      'lijst.csv:6: 5 fields, the header has 4',
      'lijst.csv:5: candidate number "1001" also on line 2',
    ]);
  });

  it("reads the accommodations columns 'extra tijd' (%) and 'voorlezen' (ja/nee), and names a bad value by its column", () => {
    const csv = [
      'Examennummer;Voornaam;Achternaam;Extra tijd (%);Voorlezen',
      '1001;Sanne;Vries;25;ja',
      '1002;Mo;Amrani;;',
      '1003;Eva;Bakker;10%;nee',
    ].join('\n');
    const r = parseCandidateCsv(utf8(csv), 'lijst.csv');
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    if (!r.ok) return;
    expect(r.candidates).to.deep.equal([
      { number: '1001', firstName: 'Sanne', lastName: 'Vries', accommodations: { extraTimePercent: 25, readAloud: true } },
      { number: '1002', firstName: 'Mo', lastName: 'Amrani' },
      { number: '1003', firstName: 'Eva', lastName: 'Bakker', accommodations: { extraTimePercent: 10, readAloud: false } },
    ]);
    const bad = parseCandidateCsv(utf8('Examennummer;Voornaam;Achternaam;Extra tijd;Voorlezen\n1001;Sanne;Vries;150;misschien\n'), 'x.csv');
    expect(bad.ok).to.equal(false);
    if (bad.ok) return;
    expect(bad.errors).to.deep.equal(['x.csv:2: "Extra tijd" at most 100', 'x.csv:2: "Voorlezen" must be ja or nee']);
  });

  it('refuses a list without the columns it needs, naming what it found', () => {
    const r = parseCandidateCsv(utf8('nummer;naam\n1;Sanne\n'), 'x.csv');
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.errors).to.deep.equal(['x.csv:1: header row: no column for examennummer/kandidaatnummer/leerlingnummer, voornaam, achternaam (found: "nummer", "naam")']);
    const empty = parseCandidateCsv(utf8('\n\n'), 'e.csv');
    expect(empty.ok).to.equal(false);
    const unclosed = parseCandidateCsv(utf8('examennummer;voornaam;achternaam\n1;"Sanne;Vries\n'), 'q.csv');
    expect(unclosed.ok).to.equal(false);
    if (!unclosed.ok) expect(unclosed.errors[0]).to.match(/^q\.csv:2: not readable as CSV: Quote Not Closed/);
  });
});

describe('candidate lists: EDEXML 2.1', () => {
  it('reads pupils with their class from the groups, the roepnaam or else the first voornaam', async () => {
    const r = await readCandidateList(`${DIR}/edexml-2.1.xml`);
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    if (!r.ok) return;
    expect(r.candidates).to.deep.equal([
      { number: '200311', firstName: 'Zoë', lastName: 'Brouwer', className: '4H2' },
      { number: '200312', firstName: 'Anaïs', lastNamePrefix: 'van der', lastName: 'Meer', className: '4H3' },
    ]);
  });

  it('reports every problem with line, column and element path', () => {
    const xml = `<?xml version="1.0"?>
<EDEX>
  <groepen><groep key="G1"><naam>4H2</naam></groep></groepen>
  <leerlingen>
    <leerling key="1"><achternaam>Vries</achternaam><roepnaam>Sanne</roepnaam><groep key="G9"/></leerling>
    <leerling><achternaam>Amrani</achternaam><roepnaam>Mo</roepnaam></leerling>
    <leerling key="1"><achternaam>Bakker</achternaam><roepnaam>Eva</roepnaam></leerling>
  </leerlingen>
</EDEX>`;
    const r = parseCandidateEdexml(utf8(xml), 'edex.xml');
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.errors).to.deep.equal([
      'edex.xml:5:79: EDEX/leerlingen/leerling[1]/groep: group "G9" is not among the groepen',
      'edex.xml:6:5: EDEX/leerlingen/leerling: "key" is empty',
      'edex.xml:7:5: EDEX/leerlingen/leerling[1]: key "1" also at edex.xml:5:5',
    ]);
  });

  it('refuses a malformed file with its line and column, and XML that is not EDEXML', () => {
    const bad = parseCandidateEdexml(utf8('<EDEX>\n<leerlingen>\n'), 'bad.xml');
    expect(bad.ok).to.equal(false);
    if (!bad.ok) expect(bad.errors[0]).to.match(/^bad\.xml:\d+:\d+: not well-formed XML/);
    const other = parseCandidateList(utf8('\ufeff  <html><body/></html>'), 'page.xml');
    expect(other.ok).to.equal(false);
    if (!other.ok) expect(other.errors).to.deep.equal(['page.xml:1:3: html: has no leerlingen element (is this EDEXML?)']);
  });

  it('tells EDEXML from CSV by content, not by name', async () => {
    const bytes = new Uint8Array(await readFile(`${DIR}/edexml-2.1.xml`));
    const r = parseCandidateList(bytes, 'export.csv');
    expect(r.ok).to.equal(true);
  });
});
