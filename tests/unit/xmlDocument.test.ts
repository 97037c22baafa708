import { expect } from 'chai';
import { attr, at, child, children, localName, parseXml, text, type XmlElement } from '../../server/import/xml/document.ts';

function root(xml: string): XmlElement {
  const r = parseXml(xml, 'f.xml');
  if (!r.ok) throw new Error(r.error);
  return r.root;
}

const refusal = (xml: string): string => {
  const r = parseXml(xml, 'f.xml');
  expect(r.ok, `accepted ${JSON.stringify(xml)}`).to.equal(false);
  return r.ok ? '' : r.error;
};

describe('XML documents (server/import/xml/document.ts)', () => {
  it('refuses what is not well-formed, with file, line and column', () => {
    expect(refusal('')).to.equal('f.xml:1:1: not well-formed XML: document must contain a root element.');
    expect(refusal('  \n ')).to.match(/^f\.xml:2:\d+: not well-formed XML: document must contain a root element\.$/);
    expect(refusal('<a>\n  <b>')).to.equal('f.xml:2:5: not well-formed XML: unclosed xml tag(s): a, b (the first opened at 1:1)');
    expect(refusal('<a>\n<b></a>')).to.equal('f.xml:2:7: not well-formed XML: unexpected close tag: b (from 2:1) is not closed');
    expect(refusal('<a>&nbsp;</a>')).to.equal('f.xml:1:9: not well-formed XML: undefined entity.');
    expect(refusal('<a/>\ntext')).to.match(/^f\.xml:2:\d+: not well-formed XML: text data outside of root node\.$/);
    expect(refusal('<a/><b/>')).to.match(/^f\.xml:1:\d+: not well-formed XML: documents may contain only one root\.$/);
    expect(refusal('<a x="1" x="2"/>')).to.match(/^f\.xml:1:\d+: not well-formed XML: duplicate attribute: x\.$/);
    expect(refusal('<a>\u0001</a>')).to.match(/^f\.xml:1:\d+: not well-formed XML: disallowed character\.$/);
  });

  it('refuses what is not namespace well-formed, at the start tag', () => {
    expect(refusal('<r>\n <p:a/></r>')).to.equal('f.xml:2:2: not well-formed XML: unbound namespace prefix: "p".');
    expect(refusal('<a xmlns:p="urn:p"><p:b/><b><p:c xmlns:p=""/></b></a>')).to.equal('f.xml:1:29: not well-formed XML: the prefix p may not be undeclared (xmlns:p="").');
    expect(refusal('<a q:x="1"/>')).to.equal('f.xml:1:1: not well-formed XML: unbound namespace prefix: "q" (attribute q:x).');
    expect(refusal('<a xmlns:xml="urn:x"/>')).to.match(/^f\.xml:1:1: not well-formed XML: only the xml prefix is bound to /);
    expect(refusal('<a xmlns="http://www.w3.org/XML/1998/namespace"/>')).to.match(/^f\.xml:1:1: not well-formed XML: only the xml prefix is bound to /);
    expect(refusal('<a xmlns:xmlns="urn:x"/>')).to.equal('f.xml:1:1: not well-formed XML: the xmlns prefix may not be declared.');
    expect(refusal('<a xmlns:p="http://www.w3.org/2000/xmlns/"/>')).to.match(/^f\.xml:1:1: not well-formed XML: no prefix may be bound to /);
    for (const bad of ['<:a/>', '<a:/>', '<p:a:b xmlns:p="urn:p"/>', '<a xmlns:="urn:x"/>', '<a p:="1" xmlns:p="urn:p"/>']) {
      expect(refusal(bad)).to.match(/^f\.xml:1:1: not well-formed XML: ".*" is not a qualified name\.$/);
    }
    expect(refusal('<a xmlns:p="urn:x" xmlns:q="urn:x" p:k="1" q:k="2"/>')).to.equal('f.xml:1:1: not well-formed XML: duplicate attribute: q:k (the same namespace and name as another).');
    // the xml prefix needs no declaration; a declared prefix holds for the descendants, not the siblings
    expect(attr(root('<a xml:lang="nl" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="t"/>'), 'xml:lang')).to.equal('nl');
    expect(refusal('<r><a xmlns:p="urn:p"><p:b/></a><p:c/></r>')).to.match(/^f\.xml:1:33: not well-formed XML: unbound namespace prefix: "p"\.$/);
    // an attribute name that merely starts with "xmlns" declares nothing
    expect(root('<a xmlnsx="1"/>').namespaceURI).to.equal(undefined);
  });

  it('finds elements by local name whatever the prefix or the namespace version', () => {
    for (const [xml, ns] of [
      ['<assessmentResult xmlns="http://www.imsglobal.org/xsd/imsqti_result_v3p0"><context sourcedId="1"/></assessmentResult>', 'http://www.imsglobal.org/xsd/imsqti_result_v3p0'],
      ['<r:assessmentResult xmlns:r="http://www.imsglobal.org/xsd/imsqti_result_v2p1"><r:context sourcedId="1"/></r:assessmentResult>', 'http://www.imsglobal.org/xsd/imsqti_result_v2p1'],
      ['<assessmentResult><context sourcedId="1"/></assessmentResult>', undefined],
    ] as const) {
      const r = root(xml);
      expect(localName(r)).to.equal('assessmentResult');
      expect(r.namespaceURI).to.equal(ns);
      expect(attr(child(r, 'context')!, 'sourcedId')).to.equal('1');
      expect(child(r, 'context')!.namespaceURI).to.equal(ns);
    }
    const mixed = root('<a xmlns="urn:a" xmlns:b="urn:b"><b:x/><x/><y xmlns="urn:c"><x/></y></a>');
    expect(children(mixed, 'x').map((e) => [e.name, e.namespaceURI])).to.deep.equal([['b:x', 'urn:b'], ['x', 'urn:a']]);
    expect(children(child(mixed, 'y')!)[0]!.namespaceURI).to.equal('urn:c');
    expect(children(mixed).map(localName)).to.deep.equal(['x', 'x', 'y']);
    expect(children(mixed, 'y', 'x')).to.have.length(3);
  });

  it("knows each start tag's line and column, after a byte order mark, CRLF, tabs and a line break in the tag", () => {
    const r = root('\uFEFF<?xml version="1.0"?>\r\n<r>\r\n  <a\r\n k="v"/>\t<b\n/><c>\n</c></r>');
    expect(at('f.xml', r)).to.equal('f.xml:2:1');
    expect(children(r).map((e) => at('f.xml', e))).to.deep.equal(['f.xml:3:3', 'f.xml:4:10', 'f.xml:5:3']);
    expect(attr(child(r, 'a')!, 'k')).to.equal('v');
  });

  it('gives the text of an element and its descendants, CDATA included, comments left out', () => {
    const r = root('<a>x<b>y<!-- no -->z</b><![CDATA[<&>]]>&amp;&#233;<?pi no?></a>');
    expect(text(r)).to.equal('xyz<&>&é');
    expect(text(child(r, 'b')!)).to.equal('yz');
  });

  it('reads attributes as written: absent or blank is undefined, no prototype names', () => {
    const r = root('<a x=" " y="1" __proto__="p"/>');
    expect(attr(r, 'x')).to.equal(undefined);
    expect(attr(r, 'y')).to.equal('1');
    expect(attr(r, 'z')).to.equal(undefined);
    expect(attr(r, 'constructor')).to.equal(undefined);
    expect(attr(r, '__proto__')).to.equal('p');
  });
});
