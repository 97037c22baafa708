/**
 * Exam content keeps the structure of a paper exam, never glues words where it removes something, and says
 * what it removed and where (issue 20). The neutralising of hostile HTML: importSanitize.test.ts.
 */
import { expect } from 'chai';
import { sanitizeExamHtml, validateImport } from '../../server/import/index.ts';
import { exampleImport } from '../support/importFixture.ts';

/** The words a reader sees in sanitised HTML: tags out, entities as they are, split on whitespace. */
const words = (html: string) => html.replace(/<[^>]*>/g, '').trim().split(/\s+/);

/** Elements that stand apart on a page (blocks, boxes) but are not kept. */
const BLOCKS = [
  'address', 'article', 'button', 'center', 'details', 'dialog', 'dir', 'fieldset', 'footer', 'form', 'h5', 'h6',
  'header', 'hgroup', 'legend', 'listing', 'main', 'menu', 'nav', 'search', 'summary',
];
const BOXES = ['iframe', 'object', 'canvas', 'svg', 'select', 'textarea'];
const VOID_BOXES = ['<video src="https://e.example/x.mp4">binnenin</video>', '<audio src="javascript:alert(1)">binnenin</audio>', '<input value="x">', '<embed src="https://e.example/x">', '<img src="http://e.example/x.png">', '<img src="data:image/svg+xml;base64,PHN2Zz4=">'];

describe('exam content: structure kept, words never glued, removals reported', () => {
  it('keeps every allowed HTML element: headings, sources, line-numbered text, lists, tables, figures', () => {
    const html = [
      '<h1>Scheikunde HAVO</h1><h2>Brons</h2>',
      '<section><h3>tekst 1</h3><h4>Geschiedenis van koper en brons</h4>',
      '<ol class="lines" start="6"><li>Brons is een legering van koper en tin.</li><li>Al in de oudheid</li></ol></section>',
      '<aside><p>Lees eerst <strong>tekst 1</strong>.</p></aside>',
      '<blockquote><p>Een citaat.</p></blockquote><pre>  CuSO<sub>4</sub>\n  Sn</pre>',
      '<dl><dt>brons</dt><dd>legering van koper en tin</dd></dl>',
      '<p>regel<br />twee: H<sub>2</sub>O, 10<sup>3</sup>, <em>e</em> <b>b</b> <i>i</i> <u>u</u> <s>s</s> <small>k</small> <mark>m</mark> <code>c</code> <span lang="en">bronze</span></p>',
      '<div><hr /></div><ul><li>a</li></ul><ol type="a"><li>b</li></ol>',
      '<table><caption>tabel 2</caption><colgroup span="2"><col span="1" /></colgroup>',
      '<thead><tr><th scope="col">stof</th><th scope="col">smeltpunt (K)</th></tr></thead>',
      '<tbody><tr><td>koper</td><td rowspan="1" colspan="1">1358</td></tr></tbody><tfoot><tr><td colspan="2">bron: Binas</td></tr></tfoot></table>',
      '<figure><img src="data:image/png;base64,iVBORw0KGgo=" alt="grafiek" width="10" height="10" /><figcaption>figuur 1</figcaption></figure>',
    ].join('');
    const reported: string[] = [];
    expect(sanitizeExamHtml(html, (m) => reported.push(m))).to.equal(html);
    expect(reported).to.deep.equal([]);
  });

  it('keeps MathML Core with its attributes', () => {
    const html = [
      '<p>De concentratie is <math><mfrac linethickness="1"><mi>n</mi><mi>V</mi></mfrac></math>.</p>',
      '<math display="block" alttext="formule"><semantics><mrow>',
      '<msub><mi mathvariant="normal">K</mi><mi>z</mi></msub><mo form="infix" stretchy="false">=</mo>',
      '<msup><mn>10</mn><mrow><mo>−</mo><mn>3</mn></mrow></msup><mspace width="0.2em"></mspace>',
      '<msubsup><mi>x</mi><mn>1</mn><mn>2</mn></msubsup><msqrt><mn>2</mn></msqrt><mroot><mn>8</mn><mn>3</mn></mroot>',
      '<mover accent="true"><mi>v</mi><mo>→</mo></mover><munder accentunder="false"><mo>∑</mo><mi>i</mi></munder>',
      '<munderover><mo largeop="true" movablelimits="false">∫</mo><mn>0</mn><mn>1</mn></munderover>',
      '<mmultiscripts><mi>U</mi><none></none><none></none><mprescripts></mprescripts><mn>92</mn><mn>235</mn></mmultiscripts>',
      '<mpadded lspace="0.1em"><mi>a</mi></mpadded><mphantom><mi>b</mi></mphantom><mstyle displaystyle="true" scriptlevel="0"><mi>c</mi></mstyle>',
      '<ms>tekst</ms><mtext>mol</mtext><merror><mtext>fout</mtext></merror>',
      '<mtable><mtr><mtd columnspan="1"><mn>1</mn></mtd></mtr></mtable>',
      '</mrow><annotation encoding="application/x-tex">K_z = 10^{-3}</annotation></semantics></math>',
    ].join('');
    const reported: string[] = [];
    expect(sanitizeExamHtml(html, (m) => reported.push(m))).to.equal(html);
    expect(reported).to.deep.equal([]);
  });

  it('keeps the words around every removed block apart, whether it held text or not', () => {
    for (const tag of BLOCKS) {
      for (const inner of ['midden', '']) {
        const out = sanitizeExamHtml(`<p>links<${tag}>${inner}</${tag}>rechts</p>`);
        expect(out, tag).not.to.contain(`<${tag}`);
        expect(words(out), `<${tag}>${inner}</${tag}>`).to.deep.equal(inner ? ['links', 'midden', 'rechts'] : ['links', 'rechts']);
      }
      // at the edge of a block, as in the 'Brons' + 'tekstfragment'
      expect(words(sanitizeExamHtml(`<${tag}>Brons</${tag}>tekstfragment`)), tag).to.deep.equal(['Brons', 'tekstfragment']);
    }
  });

  it('keeps the words around a removed frame, media element, form field or image apart, and drops its content', () => {
    for (const box of [...BOXES.map((t) => `<${t}>binnenin</${t}>`), ...VOID_BOXES]) {
      const out = sanitizeExamHtml(`links${box}rechts`);
      expect(words(out), box).to.deep.equal(['links', 'rechts']);
    }
  });

  it('gives a removed block in <pre> its line breaks', () => {
    expect(sanitizeExamHtml('<pre>eerste<h5>tweede</h5>derde</pre>')).to.equal('<pre>eerste\ntweede\nderde</pre>');
  });

  it('leaves inline elements and hidden ones as a browser shows them: their text in place, or nothing', () => {
    expect(sanitizeExamHtml('<p>bl<a href="https://e.example">oe</a>m, <font color="red">rood</font></p>')).to.equal('<p>bloem, rood</p>');
    expect(sanitizeExamHtml('<p>een<script>x()</script> twee<template><b>drie</b></template></p>')).to.equal('<p>een twee</p>');
  });

  it('keeps only the class "lines", on <ol>', () => {
    expect(sanitizeExamHtml('<ol class="lines extra"><li>a</li></ol>')).to.equal('<ol class="lines"><li>a</li></ol>');
    expect(sanitizeExamHtml('<ul class="lines"><li>a</li></ul><p class="lines">b</p>')).to.equal('<ul><li>a</li></ul><p>b</p>');
  });

  it('says what it removed, and where, by element path', () => {
    const reported: string[] = [];
    sanitizeExamHtml(
      '<section style="x"><h5>Brons</h5><p>a <a href="#">link</a><script>x()</script></p><ol class="lines big"><li>r</li></ol></section><img src="/x.png">',
      (m) => reported.push(m),
    );
    expect(reported).to.deep.equal([
      'removed attribute style (at section)',
      'removed <h5> but kept its text (at section > h5)',
      'removed <a> but kept its text (at section > p > a)',
      'removed <script> and its content (at section > p > script)',
      'removed class "big" (at section > ol)',
      'removed <img>: its src is not an inline png, jpeg, gif or webp image (at img)',
    ]);
  });

  it('reports removals on import as warnings with the JSON path of the field, each distinct one once with a count', () => {
    const f = exampleImport();
    const q = f.exams[0].questions;
    q[1].stem = '<p>Welke <font>twee</font> steden?</p><p><font>Zeeland</font></p><nav>menu</nav>';
    q[1].options[2].text = '<a href="https://e.example">Vlissingen</a>';
    q[6].scheme = '<p onclick="x()">1 punt</p>';
    const r = validateImport(f);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.warnings).to.deep.equal([
      'exams[0].questions[1].stem: removed <font> but kept its text (at p > font, 2 times)',
      'exams[0].questions[1].stem: removed <nav> but kept its text (at nav)',
      'exams[0].questions[1].options[2].text: removed <a> but kept its text (at a)',
      'exams[0].questions[6].scheme: removed attribute onclick (at p)',
    ]);
    expect(r.data.exams[0]!.questions[1]!.stem).to.equal('<p>Welke twee steden?</p><p>Zeeland</p>\nmenu');
  });
});
