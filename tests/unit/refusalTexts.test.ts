/**
 * Issue 15 item 2: one language per screen for every refusal. Every error code and every named refusal
 * (shared/refusals.ts) has a Dutch and an English text with the same parameters; a refusal reads in the console's
 * language with its parameters; and no server code refuses with a message of its own (which the English console
 * could not translate) instead of a named refusal.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_STATUS, type ErrorCode } from '../../shared/errors.ts';
import { errorText, sharedEn, sharedNl } from '../../shared/i18n.ts';
import { paramNamesOf } from '../../shared/i18n/catalogue.ts';
import { importIssueText } from '../../shared/i18n/importIssues.ts';
import { REFUSALS, refusal, refusalError, refusalWith, type Refusal } from '../../shared/refusals.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

describe('refusal texts in both languages', () => {
  it('has a Dutch and an English text for every error code, and they differ', () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
      const nl = errorText(code, 'nl');
      const en = errorText(code, 'en');
      expect(nl, code).to.be.a('string').and.not.equal('').and.not.equal(code);
      expect(en, code).to.be.a('string').and.not.equal('').and.not.equal(code);
      expect(en, code).to.not.equal(nl);
    }
  });

  it('has an English text for every named refusal, with the Dutch one\'s parameters', () => {
    for (const name of Object.keys(REFUSALS) as Refusal[]) {
      const nl = (sharedNl as Record<string, string>)[`refusal.${name}`];
      const en = (sharedEn as Record<string, string>)[`refusal.${name}`];
      expect(nl, name).to.equal(REFUSALS[name]);
      expect(en, name).to.be.a('string').and.not.equal(nl);
      expect(paramNamesOf(en!), name).to.deep.equal(paramNamesOf(nl!));
    }
  });

  it('sends a refusal\'s name and parameters, and renders it in either language with them', () => {
    const e = refusal('conflict', 'room-name-taken', { name: 'Lokaal 12' }).toApiError();
    expect(e).to.deep.equal({ code: 'conflict', message: 'Er is al een lokaal met de naam "Lokaal 12".', details: { refusal: 'room-name-taken', params: { name: 'Lokaal 12' } } });
    expect(errorText(e.code, 'nl', e.message, e.details)).to.equal(e.message);
    expect(errorText(e.code, 'en', e.message, e.details)).to.equal('There is already a room named "Lokaal 12".');
    // a number the language's way
    const many = refusalError('invalid-input', 'upload-too-many-files', { n: 2001, max: 2000 });
    expect(many.message).to.equal('Te veel bestanden (2.001); hoogstens 2.000. Zet resultaatbestanden samen in een zip.');
    expect(errorText(many.code, 'en', many.message, many.details)).to.equal('Too many files (2,001); at most 2,000. Put results files together in a zip.');
  });

  it('renders a form\'s coded problems ({fields}) in the language asked', () => {
    const issues = [{ path: 'name', code: 'too-small-string', params: { minimum: 1 }, message: 'Too small: expected string to have >=1 characters' }];
    const e = refusalWith('invalid-input', 'invalid-fields', { errors: ['name: Too small: expected string to have >=1 characters'], issues }, { fields: 'name: Too small: expected string to have >=1 characters' }).toApiError();
    expect(errorText(e.code, 'nl', e.message, e.details, importIssueText)).to.equal('De invoer is ongeldig: name: te kort: minstens 1 tekens');
    expect(errorText(e.code, 'en', e.message, e.details, importIssueText)).to.equal('The input is invalid: name: Too small: expected string to have >=1 characters');
  });

  it('finds no server refusal with a message of its own: each names a refusal (or says only its code)', () => {
    // `new DomainError('not-found', 'Deze …')`, `apiError('invalid-input', `…`)`: a text the English console cannot translate
    const OWN_MESSAGE = /\b(?:new DomainError|apiError)\(\s*'[a-z-]+'\s*,\s*['"`]/;
    const offenders = [...sources('server'), ...sources('shared')]
      .filter((f) => OWN_MESSAGE.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).to.deep.equal([]);
  });
});
