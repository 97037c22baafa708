import { expect } from 'chai';
import { ERROR_MESSAGES, CVTE_REFERRAL } from '../../shared/errors.ts';
import { errorText, formatGrade, formatNumber, sharedEn, sharedNl, translator, type Catalogue } from '../../shared/i18n.ts';
import { fill, paramNamesOf } from '../../shared/i18n/catalogue.ts';
import { nl as adminNl } from '../../admin/src/i18n/nl.ts';
import { en as adminEn } from '../../admin/src/i18n/en.ts';
import { nl as kioskNl } from '../../kiosk/src/i18n/nl.ts';
import { en as kioskEn } from '../../kiosk/src/i18n/en.ts';

const CATALOGUES: [string, Catalogue, Catalogue][] = [
  ['shared', sharedNl, sharedEn],
  ['console', adminNl, adminEn],
  ['kiosk', kioskNl, kioskEn],
];

describe('front-end i18n', () => {
  describe('catalogues', () => {
    for (const [name, nl, en] of CATALOGUES) {
      it(`the ${name} catalogue has a text for every key in Dutch and English`, () => {
        expect(Object.keys(en).sort()).to.deep.equal(Object.keys(nl).sort());
        const empty = Object.keys(nl).filter((key) => !nl[key]?.trim() || !en[key]?.trim());
        expect(empty, 'keys without a text').to.deep.equal([]);
      });

      it(`the ${name} catalogue uses the same parameters in both languages`, () => {
        const differing = Object.keys(nl)
          .filter((key) => paramNamesOf(nl[key]!).join() !== paramNamesOf(en[key]!).join())
          .map((key) => `${key}: {${paramNamesOf(nl[key]!).join('}, {')}} ≠ {${paramNamesOf(en[key]!).join('}, {')}}`);
        expect(differing).to.deep.equal([]);
      });
    }

    it('has a singular and a plural text for every plural key', () => {
      for (const [, nl] of CATALOGUES) {
        for (const key of Object.keys(nl).filter((k) => k.endsWith('.one'))) {
          expect(nl, key).to.have.property(key.replace(/\.one$/, '.other'));
        }
      }
    });

    it('includes the shared words in both apps', () => {
      for (const key of Object.keys(sharedNl)) {
        expect(adminNl, key).to.have.property(key, sharedNl[key as keyof typeof sharedNl]);
        expect(kioskEn, key).to.have.property(key, sharedEn[key as keyof typeof sharedEn]);
      }
    });

    it('keeps the Dutch labels of the source', () => {
      const t = translator({ nl: adminNl, en: adminEn }).t;
      expect(t('nl', 'groups.view')).to.equal('Inzien examenresultaten');
      expect(t('nl', 'sitting.start')).to.equal('Start inzage');
      expect(translator({ nl: kioskNl, en: kioskEn }).t('nl', 'pairingCode')).to.equal('Koppelcode');
    });
  });

  describe('lookup', () => {
    const consoleT = translator({ nl: adminNl, en: adminEn });
    const kiosk = translator({ nl: kioskNl, en: kioskEn });

    it('fills parameters by name, in either order', () => {
      expect(consoleT.t('nl', 'active.question', { total: 12, n: 3 })).to.equal('Vraag 3 van 12');
      expect(consoleT.t('en', 'active.question', { n: 3, total: 12 })).to.equal('Question 3 of 12');
      expect(consoleT.t('nl', 'results.windowFromTo', { from: 'maandag', to: 'vrijdag' })).to.equal('maandag tot vrijdag');
    });

    it('writes number parameters the language\'s way', () => {
      expect(kiosk.t('nl', 'totalScore', { score: 11.5, max: 20 })).to.equal('Score: 11,5 van 20 punten');
      expect(kiosk.t('en', 'totalScore', { score: 11.5, max: 20 })).to.equal('Score: 11.5 of 20 points');
      expect(kiosk.t('nl', 'tolerance', { tolerance: 0.05 })).to.equal('marge ± 0,05');
    });

    it('leaves text parameters as they are', () => {
      expect(fill('nl', 'Kandidaat {number}', { number: '1.5' })).to.equal('Kandidaat 1.5');
    });

    it('chooses the singular or plural text by the count', () => {
      expect(consoleT.plural('nl', 'exams.questions', 1)).to.equal('1 vraag');
      expect(consoleT.plural('nl', 'exams.questions', 3)).to.equal('3 vragen');
      expect(consoleT.plural('en', 'exams.questions', 0)).to.equal('0 questions');
      expect(kiosk.plural('nl', 'points', 1, { score: 0.5 })).to.equal('0,5 van 1 punt');
      expect(kiosk.plural('en', 'points', 2, { score: 1 })).to.equal('1 of 2 points');
      expect(consoleT.plural('nl', 'importExams.questions.changed', 2, { numbers: '3 en 5' })).to.equal('vragen 3 en 5 gewijzigd');
    });

    it('knows which keys built at runtime exist', () => {
      expect(consoleT.has('audit.action.review.started')).to.equal(true);
      expect(consoleT.has('audit.action.no-such-thing')).to.equal(false);
      expect(consoleT.has('toString')).to.equal(false);
    });
  });

  describe('error texts', () => {
    it('shows the server\'s Dutch message in Dutch and the code\'s text in English', () => {
      expect(errorText('kiosk-busy', 'nl', 'Op deze kiosk loopt al een inzage.')).to.equal('Op deze kiosk loopt al een inzage.');
      expect(errorText('kiosk-busy', 'nl')).to.equal(ERROR_MESSAGES['kiosk-busy']);
      expect(errorText('kiosk-busy', 'en', ERROR_MESSAGES['kiosk-busy'])).to.equal('A review is already running on this kiosk.');
    });

    it('refers central exams to the CvTE in both languages', () => {
      expect(errorText('review-expired', 'nl', CVTE_REFERRAL)).to.equal(CVTE_REFERRAL);
      expect(errorText('review-expired', 'en', CVTE_REFERRAL)).to.contain('College voor Toetsen en Examens').and.to.match(/^The review period/);
      expect(errorText('review-expired', 'en', ERROR_MESSAGES['review-expired'])).not.to.contain('CvTE');
    });
  });

  describe('numbers', () => {
    it('writes a decimal comma in Dutch and a decimal point in English', () => {
      expect(formatNumber('nl', 1.5)).to.equal('1,5');
      expect(formatNumber('en', 1.5)).to.equal('1.5');
      expect(formatNumber('nl', 12)).to.equal('12');
    });

    it('groups thousands the language\'s way', () => {
      expect(formatNumber('nl', 1234.5)).to.equal('1.234,5');
      expect(formatNumber('en', 1234.5)).to.equal('1,234.5');
    });

    it('keeps small decimals such as a tolerance and hides floating-point noise', () => {
      expect(formatNumber('nl', 0.001)).to.equal('0,001');
      expect(formatNumber('en', 0.1 + 0.2)).to.equal('0.3');
      expect(formatNumber('nl', -2.25)).to.equal('-2,25');
    });

    it('writes a grade with exactly one decimal', () => {
      expect(formatGrade('nl', 6.8)).to.equal('6,8');
      expect(formatGrade('en', 6.8)).to.equal('6.8');
      expect(formatGrade('nl', 7)).to.equal('7,0');
      expect(formatGrade('en', 5.46)).to.equal('5.5');
      expect(formatGrade('nl', 10)).to.equal('10,0');
    });
  });
});

/**
 * Compile-time checks (`tsc` reads this file; it is never called): a text's parameters are required by name,
 * and a translation has exactly the source's keys.
 */
function typeChecks() {
  const consoleT = translator({ nl: adminNl, en: adminEn });
  // @ts-expect-error — 'Vraag {n} van {total}' needs n and total
  consoleT.t('nl', 'active.question');
  // @ts-expect-error — total is missing
  consoleT.t('nl', 'active.question', { n: 1 });
  // @ts-expect-error — a text without parameters takes none
  consoleT.t('nl', 'app.name', { n: 1 });
  // @ts-expect-error — no such key
  consoleT.t('nl', 'app.nameless');
  // @ts-expect-error — the plural text needs {numbers} besides the count
  consoleT.plural('nl', 'importExams.questions.changed', 2);
  // @ts-expect-error — an English catalogue without a Dutch key
  translator({ nl: { a: 'A', b: 'B' } as const, en: { a: 'A' } });
  // @ts-expect-error — an English catalogue with a key Dutch does not have
  translator({ nl: { a: 'A' } as const, en: { a: 'A', b: 'B' } });
  // @ts-expect-error — the English text drops the parameter {n}
  translator({ nl: { a: 'Vraag {n}' } as const, en: { a: 'Question' } });
}
void typeChecks;
