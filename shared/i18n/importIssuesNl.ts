/**
 * The import's errors and warnings by code, in Dutch (docs/design.md: Front-end i18n). The server sends each issue
 * with its code and parameters beside its English text; the console renders it from this catalogue or
 * `importIssuesEn.ts` (the server's English text is made from that one, so the two never drift).
 */
export const importIssuesNl = {
  // cross references (server/import/importRules.ts)
  'duplicate-exam-id': 'examen-id "{id}" komt twee keer voor',
  'duplicate-candidate-number': 'kandidaatnummer "{number}" komt twee keer voor',
  'duplicate-group-id': 'groep-id "{id}" komt twee keer voor',
  'duplicate-sitting-id': 'afname-id "{id}" komt twee keer voor',
  'retain-before-window-end': 'moet na het einde van de inzageperiode liggen (review.closesAt)',
  'unknown-exam': 'onbekend examen "{id}"',
  'unknown-candidate': 'onbekende kandidaat "{number}"',
  'candidate-listed-twice': 'kandidaat "{number}" staat er twee keer in',
  'submitted-before-start': 'mag niet vóór startedAt liggen ({startedAt})',
  'unknown-group': 'onbekende groep "{id}"',
  'unknown-question': 'onbekende vraag "{question}" in examen "{exam}"',
  'answered-twice': 'vraag "{question}" is twee keer beantwoord (ook responses[{first}])',
  'candidate-not-in-group': 'kandidaat "{number}" zit niet in groep "{group}"',
  'candidate-sitting-twice': 'kandidaat "{number}" heeft al een afname in groep "{group}" (sittings[{first}])',
  // an exam's own rules (server/import/questionRules.ts)
  'closes-before-opens': 'moet later zijn dan opensAt ({opensAt})',
  'duplicate-question-id': 'vraag-id "{id}" komt twee keer voor (ook questions[{first}])',
  'duplicate-question-number': 'vraagnummer {number} komt twee keer voor (ook questions[{first}])',
  // ids in keys and responses (questionRules.ts, responseRules.ts)
  'unknown-option': 'onbekende optie "{id}"',
  'unknown-item': 'onbekend element "{id}"',
  'unknown-left-item': 'onbekend linker element "{id}"',
  'unknown-right-item': 'onbekend rechter element "{id}"',
  'duplicate-option-id': 'optie-id "{id}" komt twee keer voor',
  'duplicate-item-id': 'element-id "{id}" komt twee keer voor',
  'duplicate-left-item-id': 'id "{id}" van een linker element komt twee keer voor',
  'duplicate-right-item-id': 'id "{id}" van een rechter element komt twee keer voor',
  'option-listed-twice': 'optie "{id}" staat er twee keer in',
  'item-listed-twice': 'element "{id}" staat er twee keer in',
  'option-given-twice': 'optie "{id}" is twee keer gegeven',
  'item-given-twice': 'element "{id}" is twee keer gegeven',
  'pair-listed-twice': 'paar {pair} staat er twee keer in',
  'pair-given-twice': 'paar {pair} is twee keer gegeven',
  'single-answer-key': 'een vraag met één antwoord (multiple: false) heeft precies één optie nodig, gevonden: {found}',
  'single-answer-response': 'een vraag met één antwoord neemt hoogstens één optie',
  'order-key-incomplete': 'moet elk element precies één keer noemen; ontbreekt: {missing}',
  // a response against its question (server/import/responseRules.ts)
  'score-above-max': 'Score {score} is hoger dan het maximum van {max} voor deze vraag',
  'correct-but-scored-low': 'het antwoord is goed, maar kreeg {score} van {max} punten',
  'incorrect-but-scored-full': 'het antwoord is fout, maar kreeg {score} van {max} punten',
  'unanswered-but-scored-full': 'er is geen antwoord, maar het kreeg {score} van {max} punten',
  // the structural checks (zod's own messages, server/import/validate.ts)
  'invalid-type': 'ongeldige invoer: verwacht {expected}',
  'too-small-number': 'te klein: moet minstens {minimum} zijn',
  'too-big-number': 'te groot: mag hoogstens {maximum} zijn',
  'too-small-string': 'te kort: minstens {minimum} tekens',
  'too-big-string': 'te lang: hoogstens {maximum} tekens',
  'too-small-array': 'te weinig: minstens {minimum} elementen',
  'too-big-array': 'te veel: hoogstens {maximum} elementen',
  'unrecognized-key': 'onbekend veld: {key}',
  'unrecognized-keys': 'onbekende velden: {keys}',
  'invalid-option': 'ongeldige keuze: verwacht een van {values}',
  'invalid-literal': 'ongeldige invoer: verwacht {value}',
  'invalid-date-time': 'ongeldige datum en tijd: verwacht ISO 8601 (2026-05-20T09:00:00+02:00)',
} as const;
