/** XML reading for the QTI import: positions in every error, one vocabulary for QTI 2.x and 3.0. */
import { expect } from 'chai';
import { attr, children, nameOf, parseXml } from '../../server/import/qti/xml.ts';

describe('QTI XML reading', () => {
  it('reads a file with a UTF-8 byte order mark', () => {
    const r = parseXml('\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<assessmentItem identifier="a"/>', 'a.xml');
    expect(r.ok).to.equal(true);
  });

  it('refuses malformed XML with the file, line and column: an unclosed root, a mismatched tag, an unknown entity, no root', () => {
    const errors = (text: string) => {
      const r = parseXml(text, 'items/x.xml');
      return r.ok ? [] : r.errors;
    };
    expect(errors('<qti-assessment-item>\n  <qti-item-body/>\n')).to.deep.equal(['items/x.xml:2:3: malformed XML: unclosed xml tag(s): qti-assessment-item']);
    expect(errors('<a>\n  <b>x</c>\n</a>')[0]).to.match(/^items\/x\.xml:2:\d+: malformed XML: Opening and ending tag mismatch: "b" != "c"$/);
    expect(errors('<a>\n &nbsp;</a>')).to.deep.equal(['items/x.xml:2:2: malformed XML: entity not found:&nbsp;']);
    expect(errors('')).to.deep.equal(['items/x.xml:1:1: malformed XML: missing root element']);
  });

  it('names QTI 2.x elements and attributes as QTI 3 does, and leaves HTML and MathML names alone', () => {
    const r = parseXml(`<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" xmlns:m="http://www.w3.org/1998/Math/MathML">
  <itemBody><p>x</p><m:math><m:mi>y</m:mi></m:math><choiceInteraction responseIdentifier="R" maxChoices="1"><simpleChoice identifier="A">a</simpleChoice></choiceInteraction></itemBody>
</assessmentItem>`, 'a.xml');
    if (!r.ok) throw new Error(r.errors.join());
    expect(nameOf(r.root)).to.equal('qti-assessment-item');
    const [body] = children(r.root, 'qti-item-body');
    expect(children(body!).map(nameOf)).to.deep.equal(['p', 'math', 'qti-choice-interaction']);
    const interaction = children(body!, 'qti-choice-interaction')[0]!;
    expect(attr(interaction, 'response-identifier')).to.equal('R');
    expect(attr(interaction, 'max-choices')).to.equal('1');
    expect(children(interaction, 'qti-simple-choice')).to.have.length(1);
  });
});
