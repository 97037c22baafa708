/**
 * An exam of real QTI items, one or more per interaction family, with a sitting that answers each (issue 13:
 * the kiosk's replay in place). The items are read by the QTI import from the fixtures (tests/fixtures/qti:
 * 1EdTech's and Instructure's examples, origin and licence beside them) and go in through the import with the
 * pictures they show (as `inzage import PACKAGE` does).
 */
import type { ImportFile, ItemQuestion, ItemResponse } from '../../shared/schema.ts';
import { QtiMedia } from '../../server/import/qti/images.ts';
import { packageFromFolder } from '../../server/import/qti/index.ts';
import { BBQS, ITEMS_22, SAXONY, readItemOf } from './qti.ts';

/** Question id, fixture folder and file, and the candidate's response to it. */
const ITEMS: [string, string, string, ItemResponse][] = [
  ['choice-multiple', ITEMS_22, 'choice_multiple.xml', { RESPONSE: ['H', 'Cl'] }],
  ['order', ITEMS_22, 'order.xml', { RESPONSE: ['DriverA', 'DriverC', 'DriverB'] }],
  ['match', BBQS, 'id-7f35b6c393d5/matching-match-trigDeriv.xml', { RESPONSE: ['A D', 'B F'] }],
  ['associate', ITEMS_22, 'associate.xml', { RESPONSE: ['A P', 'C D'] }],
  ['gap-match', ITEMS_22, 'gap_match.xml', { RESPONSE: ['W G1', 'Sp G2'] }],
  ['inline-choice', ITEMS_22, 'inline_choice.xml', { RESPONSE: ['L'] }],
  ['text-entry', BBQS, 'id-d565dbe89933/text_entry-Lycidas.xml', { RESPONSE1: ['fresh fields'], RESPONSE2: ['pastures new'] }],
  ['numeric-entry', SAXONY, 'TextEntrynumeric_770468849.xml', { RESPONSE_1: ['4.2'] }],
  ['extended-text', ITEMS_22, 'extended_text_rubric.xml', { RESPONSE: ['Dear Sam,\nThanks for your postcard.\nLove, Kim'] }],
  ['hotspot', ITEMS_22, 'hotspot.xml', { RESPONSE: ['B'] }],
  ['select-point', BBQS, 'id-992e8bd3c9ac/hotspot-maximum.xml', { RESPONSE: ['300 200'] }],
  ['graphic-order', ITEMS_22, 'graphic_order.xml', { RESPONSE: ['A', 'C', 'D', 'B'] }],
  ['graphic-associate', ITEMS_22, 'graphic_associate.xml', { RESPONSE: ['A B', 'C D'] }],
  ['graphic-gap-match', ITEMS_22, 'graphic_gap_match.xml', { RESPONSE: ['GLA A', 'MAN B'] }],
  ['hottext', ITEMS_22, 'hottext.xml', { RESPONSE: ['A'] }],
  ['slider', ITEMS_22, 'slider.xml', { RESPONSE: ['25'] }],
  ['upload', ITEMS_22, 'upload.xml', {}],
];

/** The question number of each item (1-based, in ITEMS' order). */
export const ITEM_NUMBER = Object.fromEntries(ITEMS.map(([id], i) => [id, i + 1])) as Record<string, number>;

export const ITEM_SITTING = 's-items-160001';

/** The import file: the exam (keys and schemes shown), one candidate, a group and the sitting; and the pictures. */
export function itemExam(): { file: ImportFile; media: ReadonlyMap<string, Uint8Array> } {
  const media = new QtiMedia();
  const questions: ItemQuestion[] = ITEMS.map(([id, dir, file], i) => {
    const { item, issues } = readItemOf(packageFromFolder(dir), file, media);
    if (!item) throw new Error(issues.errors.join('\n'));
    return { ...item, id, number: i + 1 };
  });
  return { media: media.files, file: {
    format: 'inzage/v1',
    exams: [{
      id: 'items', title: 'Alle interacties', subject: 'Engels', level: 'vwo', central: false, questions,
      review: { allowed: true, opensAt: '2026-01-01T08:00:00+01:00', closesAt: '2099-01-01T17:00:00+01:00', maxMinutes: 30, showKey: true, showScheme: true },
    }],
    candidates: [{ number: '160001', firstName: 'Kim', lastName: 'de Vries' }],
    groups: [{ id: 'g-items', name: 'Items', examId: 'items', startsAt: '2026-05-20T09:00:00+02:00', candidateNumbers: ['160001'] }],
    sittings: [{
      id: ITEM_SITTING, groupId: 'g-items', candidateNumber: '160001', startedAt: '2026-05-20T09:00:00+02:00', submittedAt: '2026-05-20T10:00:00+02:00',
      responses: ITEMS.map(([id, , , response]) => ({ questionId: id, response, score: 0 })),
    }],
  } };
}
