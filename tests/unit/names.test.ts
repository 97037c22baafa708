/** Ordering by last name without Dutch prefixes (shared/names.ts). */
import { expect } from 'chai';
import { compareNames, sortName, stripPrefix } from '../../shared/names.ts';

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
