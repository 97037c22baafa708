/**
 * Issue 15 item 2: every import issue code has a Dutch and an English text with the same parameters, the server's
 * English text is the English catalogue's, and an unknown code keeps the server's text; a refusal with a specific
 * reason reads in English in the English console.
 */
import { expect } from 'chai';
import { errorText } from '../../shared/i18n.ts';
import { paramNamesOf } from '../../shared/i18n/catalogue.ts';
import { LINE_CODES, codedText, importIssueText, issueAt, issueOfLine, type ImportIssueCode } from '../../shared/i18n/importIssues.ts';
import { importIssuesEn } from '../../shared/i18n/importIssuesEn.ts';
import { importIssuesNl } from '../../shared/i18n/importIssuesNl.ts';
import { REFUSALS, refusal, type Refusal } from '../../shared/refusals.ts';

describe('import issue texts', () => {
  it('has for every code a Dutch and an English text, different, with the same parameters', () => {
    expect(Object.keys(importIssuesEn).sort()).to.deep.equal(Object.keys(importIssuesNl).sort());
    for (const code of Object.keys(importIssuesNl) as ImportIssueCode[]) {
      const nl = importIssuesNl[code];
      const en = importIssuesEn[code];
      expect(nl.trim(), code).to.not.equal('');
      expect(nl, code).to.not.equal(en);
      expect(paramNamesOf(nl), code).to.deep.equal(paramNamesOf(en));
    }
  });

  it('renders a coded issue in either language with its parameters, the English one as the server wrote it', () => {
    const issue = issueAt('sittings[0].responses[2].score', { code: 'score-above-max', params: { score: 3, max: 2 } });
    expect(issue).to.deep.equal({ path: 'sittings[0].responses[2].score', code: 'score-above-max', params: { score: 3, max: 2 }, message: "3 is more than the question's maximum of 2" });
    expect(importIssueText('nl', issue)).to.equal('Score 3 is hoger dan het maximum van 2 voor deze vraag');
    expect(importIssueText('en', issue)).to.equal(issue.message);
    // a score the language's way; a position in the file as it is
    expect(importIssueText('nl', { ...issue, params: { score: 2.5, max: 2 } })).to.equal('Score 2,5 is hoger dan het maximum van 2 voor deze vraag');
    expect(importIssueText('nl', { path: 'x', code: 'answered-twice', params: { question: 'q1', first: 1234 }, message: '' })).to.contain('responses[1234]');
  });

  it('keeps the server\'s text for a code it does not know, or none', () => {
    const unknown = { path: 'x', code: 'from-a-newer-server', params: {}, message: 'something new' };
    expect(importIssueText('nl', unknown)).to.equal('something new');
    expect(importIssueText('nl', { path: 'x', message: 'plain' })).to.equal('plain');
  });
});

describe('file readers\' lines as coded issues', () => {
  it('recognises every file reader\'s text in a line as its own code, with its place and parameters', () => {
    for (const code of LINE_CODES) {
      // a parameter inside the text may hold ': ' (an XML parser's reason); one that opens it (a count) does not
      const params = Object.fromEntries(paramNamesOf(importIssuesEn[code]).map((n, i) => [n, importIssuesEn[code].startsWith(`{${n}}`) ? `w${i}` : `w${i}: x`]));
      const text = codedText('en', { code, params });
      const issue = issueOfLine(`klas.csv:3: ${text}`);
      expect(issue, code).to.deep.equal({ path: 'klas.csv:3', code, params, message: text });
      expect(importIssueText('nl', issue), code).to.equal(codedText('nl', { code, params }));
      // without a place too
      expect(issueOfLine(text).code, code).to.equal(code);
    }
  });

  it('keeps any other line as it is, uncoded', () => {
    expect(issueOfLine('page.xml:1:3: html: has no leerlingen element (is this EDEXML?)')).to.deep.equal({ path: '', message: 'page.xml:1:3: html: has no leerlingen element (is this EDEXML?)' });
  });
});

describe('specific refusals in the console\'s language', () => {
  it('shows a refusal\'s specific reason in English where the server named it, the server\'s Dutch text in Dutch', () => {
    for (const name of Object.keys(REFUSALS) as Refusal[]) {
      const english = errorText('invalid-input', 'en', REFUSALS[name], { refusal: name });
      expect(english, name).to.not.equal(errorText('invalid-input', 'en')).and.not.equal(REFUSALS[name]);
      expect(errorText('invalid-input', 'nl', REFUSALS[name], { refusal: name }), name).to.equal(REFUSALS[name]);
    }
    expect(errorText('invalid-input', 'en', REFUSALS['window-ends-before-start'], { refusal: 'window-ends-before-start' })).to.equal('The review period must end after it starts.');
    // an unknown name (a newer server) falls back to the code's text
    expect(errorText('invalid-input', 'en', 'Iets nieuws.', { refusal: 'something-new' })).to.equal(errorText('invalid-input', 'en'));
  });

  it('is what the exam settings refuse with: the name travels as details.refusal', () => {
    const e = refusal('invalid-input', 'retain-in-past');
    expect(e.toApiError()).to.deep.equal({ code: 'invalid-input', message: REFUSALS['retain-in-past'], details: { refusal: 'retain-in-past' } });
  });
});
