/** Ordering by last name without Dutch prefixes (shared/names.ts). */
import { expect } from 'chai';
import { compareNames, sortName, stripPrefix } from '../../shared/names.ts';
import { displayName } from '../../shared/rules.ts';

describe('name order', () => {
  const people = [
    { number: '1', firstName: 'Jacobus', lastNamePrefix: "van 't", lastName: 'Hoff' },
    { number: '2', firstName: 'Sanne', lastNamePrefix: 'de', lastName: 'Vries' },
    { number: '3', firstName: 'Anna', lastName: 'Bakker' },
    { number: '4', firstName: 'Piet', lastNamePrefix: 'van der', lastName: 'Berg' },
    { number: '5', firstName: 'Émile', lastName: 'Hoek' },
    { number: '6', firstName: 'Mohammed', lastName: 'El Amrani' },
    { number: '7', firstName: 'Kees', lastNamePrefix: 'ter', lastName: 'Horst' },
    { number: '8', firstName: 'Daan', lastName: 'Hoff' },
  ];

  it('sorts by last name ignoring the prefix, then by first name', () => {
    const order = [...people].sort((a, b) => compareNames(sortName(a), sortName(b))).map((c) => c.number);
    // Bakker, Berg (van der), El Amrani, Hoek, Hoff Daan, Hoff Jacobus (van 't), Horst (ter), Vries (de)
    expect(order).to.deep.equal(['3', '4', '6', '5', '8', '1', '7', '2']);
  });

  it('ignores a prefix that a list put into the last-name column', () => {
    expect(sortName({ number: '9', firstName: 'Jacobus', lastName: "van 't Hoff" })).to.equal("Hoff Jacobus van 't");
    expect(sortName({ number: '9', firstName: 'Jan', lastName: 'in het Veld' })).to.equal('Veld Jan in het');
    expect(stripPrefix('Van Dijk')).to.equal('Dijk');
    // a name that is nothing but prefix words keeps its last word
    expect(stripPrefix('van der')).to.equal('der');
  });

  it('sorts a candidate known by number only by the number', () => {
    expect(sortName({ number: '100240' })).to.equal('100240');
  });

  it('compares the Dutch way: case and diacritics ignored, numbers by value', () => {
    expect(compareNames('hoek', 'Höek')).to.not.equal(0); // equal by collation, the tie broken by the exact text
    expect(compareNames('Hoek Emile', 'Hoff Anna')).to.be.below(0);
    expect(compareNames('Station 2', 'Station 10')).to.be.below(0);
  });
});

describe('sortName and displayName without arrays: the same as the plain definitions', () => {
  // the definitions as they were written before they were made to allocate less (every row of a results overview)
  const PREFIXES = new Set([
    'van', 'de', 'der', 'den', 'het', "'t", '’t', 't', "'s", '’s', 'te', 'ten', 'ter', 'in', 'op', 'aan', 'bij', 'uit', 'onder',
    'over', 'voor', 'tot', 'uijt', 'la', 'le', 'du', 'des', 'di', 'da', 'del', 'della', 'dos', 'von', 'vom', 'zu', 'zum', 'zur', "l'", "d'",
  ]);
  const plainStrip = (lastName: string) => {
    const words = lastName.trim().split(/\s+/);
    let i = 0;
    while (i < words.length - 1 && PREFIXES.has(words[i]!.toLocaleLowerCase('nl'))) i++;
    return words.slice(i).join(' ');
  };
  const plainSortName = (c: Person) => {
    if (!c.lastName) return c.number;
    const last = c.lastName.trim();
    const core = plainStrip(last);
    const prefix = [c.lastNamePrefix?.trim(), last.slice(0, last.length - core.length).trim()].filter(Boolean).join(' ');
    return [core, c.firstName?.trim(), prefix].filter(Boolean).join(' ');
  };
  const plainDisplayName = (c: Person) => [c.firstName, c.lastNamePrefix, c.lastName].filter((x) => x && x.trim()).join(' ') || c.number;
  interface Person { number: string; firstName?: string; lastNamePrefix?: string; lastName?: string }

  const firsts = [undefined, '', '  ', 'Jan', ' Jan ', 'Émile', 'Anna Maria'];
  const prefixes = [undefined, '', ' ', 'van', 'Van der', ' de ', "van 't"];
  const lasts = [
    undefined, '', '   ', 'Vries', 'de Vries', "van 't  Hoff", 'El  Amrani', ' Van Dijk ', 'van der', 'VAN Dijk', '\tde\tBoer',
    'in het Veld', 'Dijk-van der Berg', "d' Ancona", 'ÖZDEMİR',
  ];

  it('gives the same sort key, last name without its prefix and display name for every combination', () => {
    let n = 0;
    for (const firstName of firsts) for (const lastNamePrefix of prefixes) for (const lastName of lasts) {
      const c: Person = { number: `1${n++}`, ...(firstName !== undefined ? { firstName } : {}), ...(lastNamePrefix !== undefined ? { lastNamePrefix } : {}), ...(lastName !== undefined ? { lastName } : {}) };
      expect(sortName(c), JSON.stringify(c)).to.equal(plainSortName(c));
      expect(displayName(c), JSON.stringify(c)).to.equal(plainDisplayName(c));
      if (lastName !== undefined) expect(stripPrefix(lastName), lastName).to.equal(plainStrip(lastName));
    }
    expect(n).to.equal(firsts.length * prefixes.length * lasts.length);
  });
});
