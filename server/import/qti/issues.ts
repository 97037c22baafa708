/** Errors and warnings of a QTI import, each prefixed with where it is: `items/q1.xml:12:5 qti-response-declaration[RESPONSE]: …`. */
import type { Element } from '@xmldom/xmldom';
import { where } from './xml.ts';

export class QtiIssues {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  error(file: string, el: Element | undefined, message: string): void {
    this.errors.push(`${el ? where(file, el) : file}: ${message}`);
  }

  warn(file: string, el: Element | undefined, message: string): void {
    this.warnings.push(`${el ? where(file, el) : file}: ${message}`);
  }
}
