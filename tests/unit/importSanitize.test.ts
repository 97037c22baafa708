import { expect } from 'chai';
import { sanitizeExamHtml, validateImport } from '../../server/import/index.ts';
import { exampleImport } from '../support/importFixture.ts';

describe('import HTML sanitising', () => {
  it('removes scripts, event handlers and javascript: URLs but keeps the text', () => {
    const out = sanitizeExamHtml('<p onclick="x()">Welke <em>twee</em> stoffen?</p><script>alert(1)</script><a href="javascript:alert(1)">klik</a><img src="x" onerror="alert(1)">');
    expect(out).to.equal('<p>Welke <em>twee</em> stoffen?</p>klik');
  });

  it('keeps exam formatting: sub/superscript, lists, tables', () => {
    const html = '<p>H<sub>2</sub>O en x<sup>2</sup></p><ol start="2"><li>een</li></ol><table><tbody><tr><th scope="col">a</th><td colspan="2">b</td></tr></tbody></table>';
    expect(sanitizeExamHtml(html)).to.equal(html);
  });

  it('drops styles, classes, frames and forms', () => {
    expect(sanitizeExamHtml('<p style="color:red" class="x">tekst</p><iframe src="https://e.example"></iframe><form><input value="v"></form><style>p{}</style>'))
      .to.equal('<p>tekst</p>');
  });

  it('keeps inline raster images only, as the CSP shows them; an image on another server is an error', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    expect(sanitizeExamHtml(`<img src="${png}" alt="grafiek">`)).to.equal(`<img src="${png}" alt="grafiek" />`);
    for (const src of ['https://cdn.example/a.png', 'http://plain.example/a.png', '//cdn.example/a.png', ' HTTPS://cdn.example/a.png', 'https:cdn.example/a.png']) {
      const found: [string, string][] = [];
      expect(sanitizeExamHtml(`<p>zie <img src="${src}"></p>`, (m, severity) => found.push([m, severity])), src).to.equal('<p>zie </p>');
      expect(found.map(([, severity]) => severity), src).to.deep.equal(['error']);
      expect(found[0]![0], src).to.contain('an image on another server');
    }
    for (const src of ['data:text/html;base64,PHNjcmlwdD4=', 'data:image/svg+xml;base64,PHN2Zz4=', '/relative.png', 'javascript:alert(1)']) {
      const found: string[] = [];
      expect(sanitizeExamHtml(`<img src="${src}">`, (_m, severity) => found.push(severity)), src).to.equal('');
      expect(found, src).to.deep.equal(['warning']);
    }
  });

  it('neutralises hostile MathML and SVG: no links, no styles, no annotation-xml, nothing that runs', () => {
    const hostile = [
      '<math><mi href="javascript:alert(1)" xlink:href="javascript:alert(2)">x</mi></math>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
      '<math><annotation-xml encoding="text/html"><img src=x onerror=alert(1)></annotation-xml></math>',
      '<svg><style><img src=x onerror=alert(1)></style></svg>',
      '<math><maction actiontype="statusline" onclick="alert(1)"><mi>x</mi></maction></math>',
      '<math><mi style="color:red" class="x" mathcolor="white">x</mi></math>',
    ];
    for (const html of hostile) {
      const out = sanitizeExamHtml(html);
      expect(out, html).not.to.match(/href|onerror|onclick|<style|<img|<svg|annotation-xml|javascript|mathcolor|class=|style=/i);
      expect(sanitizeExamHtml(out), html).to.equal(out);
    }
  });

  it('is idempotent, so that importing a file twice stores the same HTML', () => {
    const once = sanitizeExamHtml('<p>a &amp; b < c <b>vet</b></p><script>x</script>');
    expect(sanitizeExamHtml(once)).to.equal(once);
  });

  it('sanitises stems, option, item and match texts and marking schemes on import, with a warning for each, not an error', () => {
    const f = exampleImport();
    const bad = '<b onmouseover="x()">tekst</b><script>y()</script>';
    const q = f.exams[0].questions;
    q[0].stem = bad;
    q[0].options[0].text = bad;
    q[2].items[0].text = bad;
    q[3].left[0].text = bad;
    q[3].right[0].text = bad;
    q[6].scheme = bad;
    const r = validateImport(f);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const [c, , o, m, , , open] = r.data.exams[0]!.questions as any[];
    for (const html of [c.stem, c.options[0].text, o.items[0].text, m.left[0].text, m.right[0].text, open.scheme]) {
      expect(html).to.equal('<b>tekst</b>');
    }
    const fields = ['questions[0].stem', 'questions[0].options[0].text', 'questions[2].items[0].text', 'questions[3].left[0].text', 'questions[3].right[0].text', 'questions[6].scheme'];
    expect(r.warnings).to.deep.equal(fields.flatMap((f) => [
      `exams[0].${f}: removed attribute onmouseover (at b)`,
      `exams[0].${f}: removed <script> and its content (at script)`,
    ]));
  });
});
