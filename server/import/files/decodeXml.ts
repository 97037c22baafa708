/**
 * The text of an XML file: UTF-8 (with or without a byte order mark), or the encoding its declaration names
 * (`<?xml version="1.0" encoding="windows-1252"?>`) when the decoder knows it.
 */
import { say } from '../issues.ts';

const DECLARED = /^(?:\uFEFF)?<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

export type Decoded = { ok: true; text: string } | { ok: false; error: string };

export function decodeXml(bytes: Uint8Array, name: string): Decoded {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = DECLARED.exec(head)?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return { ok: true, text: new TextDecoder(declared).decode(bytes) };
    } catch {
      return { ok: false, error: `${name}: ${say('xml-encoding-unsupported', { encoding: declared })}` };
    }
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, error: `${name}: ${say('xml-not-utf8', {})}` };
  }
}
