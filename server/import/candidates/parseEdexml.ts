/**
 * A candidate list as EDEXML 2.1 (Edustandaard; the export of Dutch student administrations that DUO's Facet
 * reads), as far as a candidate list needs it:
 *
 *   <groepen><groep key="G1"><naam>4H2</naam>…</groep><samengestelde_groep key="S1">…</samengestelde_groep></groepen>
 *   <leerlingen><leerling key="123456"><achternaam>Vries</achternaam><voorvoegsel>de</voorvoegsel>
 *     <roepnaam>Sanne</roepnaam><voornamen>Sanne Maria</voornamen><groep key="G1"/>…</leerling></leerlingen>
 *
 * Element names from Edustandaard's EDEXML 2.1 structure (as the UWLR 2.2 viewer lists it); the root element's
 * name and namespace are not checked (`EDEX`, `leerlinggegevens`, …). A candidate's number is the `leerling`'s
 * `key` (the student administration's pupil number); the first name is the `roepnaam`, else the first of the
 * `voornamen`; the class is the name of the `groep` (the stamgroep) the pupil refers to.
 */
import type { Candidate } from '../../../shared/schema.ts';
import { decodeXml } from '../files/decodeXml.ts';
import { at, attr, child, children, localName, parseXml, text, type XmlElement } from '../xml/document.ts';
import { duplicateNumbers, toCandidate, type CandidateFields } from './candidateRow.ts';
import type { CandidateList } from './types.ts';
import { say } from '../issues.ts';

const LABELS: Record<keyof CandidateFields, string> = { number: 'key', firstName: 'roepnaam', lastNamePrefix: 'voorvoegsel', lastName: 'achternaam', className: 'groep', extraTime: 'extra tijd', readAloud: 'voorlezen' }; // EDEXML carries no accommodations: the last two never occur

export function parseCandidateEdexml(bytes: Uint8Array, file: string): CandidateList {
  const decoded = decodeXml(bytes, file);
  if (!decoded.ok) return { ok: false, errors: [decoded.error], warnings: [] };
  const parsed = parseXml(decoded.text, file);
  if (!parsed.ok) return { ok: false, errors: [parsed.error], warnings: [] };
  const root = parsed.root;
  const rootName = localName(root);
  const errors: string[] = [];
  const leerlingen = child(root, 'leerlingen');
  if (!leerlingen) return { ok: false, errors: [`${at(file, root)}: ${rootName}: has no leerlingen element (is this EDEXML?)`], warnings: [] };

  const groups = new Map<string, string>();
  for (const g of children(child(root, 'groepen') ?? root, 'groep', 'samengestelde_groep')) {
    const key = attr(g, 'key');
    const naam = child(g, 'naam');
    if (key) groups.set(key, naam ? text(naam).trim() : key);
  }

  const found: (Candidate & { where: string })[] = [];
  for (const el of children(leerlingen, 'leerling')) {
    const key = attr(el, 'key')?.trim();
    const path = `${rootName}/leerlingen/leerling${key ? `[${key}]` : ''}`;
    const where = `${at(file, el)}: ${path}`;
    const field = (name: string) => {
      const c = child(el, name);
      return c ? text(c).trim() : undefined;
    };
    const groupRef = child(el, 'groep');
    const groupKey = groupRef && attr(groupRef, 'key');
    if (groupRef && groupKey && !groups.has(groupKey)) errors.push(`${at(file, groupRef)}: ${path}/groep: ${say('edexml-unknown-group', { group: groupKey })}`);
    const fields: CandidateFields = {
      number: key,
      firstName: field('roepnaam') || field('voornamen')?.split(/\s+/)[0],
      lastNamePrefix: field('voorvoegsel'),
      lastName: field('achternaam'),
      className: groupKey ? groups.get(groupKey) : undefined,
    };
    const { candidate, problems } = toCandidate(fields, (f) => LABELS[f]);
    for (const p of problems) errors.push(`${where}: ${p}`);
    if (candidate) found.push({ ...candidate, where });
  }
  duplicateNumbers(found, (e, first) => errors.push(`${e.where}: ${say('edexml-duplicate-key', { number: e.number, first: first.where.split(': ')[0]! })}`));
  if (!found.length && !errors.length) errors.push(`${at(file, leerlingen)}: ${rootName}/leerlingen: ${say('edexml-no-leerling', {})}`);
  if (errors.length) return { ok: false, errors, warnings: [] };
  return { ok: true, candidates: found.map(({ where: _w, ...c }) => c), warnings: [] };
}
