/**
 * One QTI results file (`assessmentResult`, QTI 2.1 `imsqti_result_v2p1`, 2.2 `v2p2`, 3.0 `v3p0`) to a
 * `ParsedResult`: the candidate (`context/@sourcedId`), the exam (`testResult/@identifier`), the times, and per
 * item the candidate's response values and the reported `SCORE`. Every problem is reported, all at once, as
 * `file:line:column: element path: message`.
 *
 * Tolerated, as real exports have them: a byte order mark, a missing `baseType`, `num_attempts`-style names of
 * the built-in variables, comma decimals, datestamps without a time zone (warned), no `testResult`.
 */
import { parseQtiNumber } from '../../../shared/qtiValues.ts';
import { setOwn } from '../../../shared/ownRecord.ts';
import type { ItemResponse } from '../../../shared/schema.ts';
import { attr, at, child, children, localName, parseXml, text, type XmlElement } from '../xml/document.ts';
import { parseDateTime } from '../xml/dateTime.ts';
import { parseDuration } from './duration.ts';
import type { ParsedItemResult, ResultParse, ResultsParseOptions } from './types.ts';
import { say } from '../issues.ts';

const NAMESPACES = /imsqti_result_v(2p1|2p2|3p0)/;
/** The response variables every item and test has, which are no answer: `numAttempts`, `num_attempts`, … */
const BUILT_IN = new Set(['numattempts', 'duration', 'completionstatus']);
const builtIn = (id: string) => BUILT_IN.has(id.toLowerCase().replace(/[_-]/g, ''));
/** `ItemResponseSchema`'s limits */
const MAX_VALUES = 500;
const MAX_VALUE_LENGTH = 10_000;
const MAX_ID_LENGTH = 120;

export function parseResult(xml: string, file: string, options: ResultsParseOptions = {}): ResultParse {
  const parsed = parseXml(xml, file);
  if (!parsed.ok) return { ok: false, errors: [parsed.error], warnings: [] };
  return new ResultReader(file, options.timeZone ?? 'Europe/Amsterdam').read(parsed.root);
}

class ResultReader {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  constructor(private readonly file: string, private readonly timeZone: string) {}

  private error(el: XmlElement, path: string, message: string): void {
    this.errors.push(`${at(this.file, el)}: ${path}: ${message}`);
  }

  private warn(el: XmlElement, path: string, message: string): void {
    this.warnings.push(`${at(this.file, el)}: ${path}: ${message}`);
  }

  read(root: XmlElement): ResultParse {
    const rootName = localName(root);
    if (rootName !== 'assessmentResult') {
      this.error(root, rootName, say('results-not-results-file', {}));
      return { ok: false, errors: this.errors, warnings: this.warnings };
    }
    const ns = root.namespaceURI ?? '';
    if (!NAMESPACES.test(ns)) this.warn(root, rootName, say('results-namespace', { ns }));

    const context = child(root, 'context');
    const candidateId = context && attr(context, 'sourcedId')?.trim();
    if (!context) this.error(root, rootName, say('results-no-context', {}));
    else if (!candidateId) this.error(context, `${rootName}/context`, say('results-no-sourced-id', {}));

    const test = child(root, 'testResult');
    const examId = test && attr(test, 'identifier')?.trim();
    if (test && !examId) this.error(test, `${rootName}/testResult`, say('results-no-exam-id', {}));
    const testDate = test && this.datestamp(test, `${rootName}/testResult`);
    const duration = test && this.testDuration(test);

    const items = this.items(root, rootName);
    if (this.errors.length) return { ok: false, errors: this.errors, warnings: this.warnings };

    const dates = items.map((i) => i.datestamp).filter((d): d is string => !!d).sort();
    const submittedAt = testDate ?? dates.at(-1);
    const startedAt = testDate && duration !== undefined ? new Date(Date.parse(testDate) - duration * 1000).toISOString() : dates[0] ?? submittedAt;
    return {
      ok: true,
      warnings: this.warnings,
      result: {
        file: this.file, candidateId: candidateId!, ...(examId && { examId }),
        ...(startedAt && { startedAt }), ...(submittedAt && { submittedAt }),
        items, at: { root: at(this.file, root), context: at(this.file, context!) },
      },
    };
  }

  private datestamp(el: XmlElement, path: string): string | undefined {
    const value = attr(el, 'datestamp');
    if (value === undefined) return undefined;
    const d = parseDateTime(value, this.timeZone);
    if (!d.ok) {
      this.error(el, path, say('results-datestamp-invalid', { value }));
      return undefined;
    }
    if (!d.zoned) this.warn(el, path, say('results-datestamp-no-zone', { value, zone: this.timeZone }));
    return d.iso;
  }

  /** The test's built-in `duration` response variable, in seconds. */
  private testDuration(test: XmlElement): number | undefined {
    const v = children(test, 'responseVariable').find((r) => attr(r, 'identifier')?.toLowerCase() === 'duration');
    const value = v && child(v, 'candidateResponse') && children(child(v, 'candidateResponse')!, 'value')[0];
    return value ? parseDuration(text(value)) : undefined;
  }

  private items(root: XmlElement, rootName: string): ParsedItemResult[] {
    const byId = new Map<string, ParsedItemResult>();
    for (const el of children(root, 'itemResult')) {
      const id = attr(el, 'identifier')?.trim();
      const path = `${rootName}/itemResult${id ? `[${id}]` : ''}`;
      if (!id) {
        this.error(el, path, say('results-no-item-id', {}));
        continue;
      }
      const item = this.item(el, id, path);
      const before = byId.get(id);
      // several results for one item (a delivery that saved each attempt): the last by datestamp counts
      if (!before || !before.datestamp || !item.datestamp || item.datestamp >= before.datestamp) byId.set(id, item);
    }
    return [...byId.values()];
  }

  private item(el: XmlElement, itemId: string, path: string): ParsedItemResult {
    const responses: ItemResponse = {};
    const responseAt: Record<string, string> = {};
    for (const v of children(el, 'responseVariable')) {
      const id = attr(v, 'identifier')?.trim();
      const vpath = `${path}/responseVariable${id ? `[${id}]` : ''}`;
      if (!id) {
        this.error(v, vpath, say('qti-no-identifier', {}));
        continue;
      }
      if (builtIn(id)) continue;
      if (id.length > MAX_ID_LENGTH) this.error(v, vpath, say('results-id-too-long', { max: MAX_ID_LENGTH }));
      if (Object.hasOwn(responses, id)) this.error(v, vpath, say('results-response-twice', { id }));
      else {
        setOwn(responses, id, this.values(v, vpath));
        setOwn(responseAt, id, at(this.file, v));
      }
    }
    const datestamp = this.datestamp(el, path);
    const score = this.score(el, path);
    return { itemId, responses, ...(score !== undefined && { score }), ...(datestamp && { datestamp }), at: at(this.file, el), responseAt };
  }

  private values(v: XmlElement, path: string): string[] {
    const response = child(v, 'candidateResponse');
    if (!response) return [];
    const string = attr(v, 'baseType') === 'string';
    const values = children(response, 'value').map((x) => (string ? text(x) : text(x).trim()));
    if (values.length > MAX_VALUES) this.error(response, `${path}/candidateResponse`, say('results-too-many-values', { n: values.length, max: MAX_VALUES }));
    values.forEach((value, i) => {
      if (value.length > MAX_VALUE_LENGTH) this.error(children(response, 'value')[i]!, `${path}/candidateResponse/value[${i + 1}]`, say('results-value-too-long', { n: value.length, max: MAX_VALUE_LENGTH }));
    });
    return values;
  }

  private score(el: XmlElement, path: string): number | undefined {
    const outcome = children(el, 'outcomeVariable').find((o) => attr(o, 'identifier') === 'SCORE');
    if (!outcome) return undefined;
    const value = child(outcome, 'value');
    const opath = `${path}/outcomeVariable[SCORE]`;
    if (!value || text(value).trim() === '') return undefined; // declared, not (yet) scored
    const n = parseQtiNumber(text(value));
    if (n === undefined) this.error(value, `${opath}/value`, say('results-not-a-number', { value: text(value).trim() }));
    return n;
  }
}
