/**
 * The text of a file a Dutch office program wrote: UTF-8 (with or without a byte order mark), or, when the
 * bytes are not valid UTF-8, Windows-1252 (what Excel and older student administrations save as "CSV" on
 * Windows). Windows-1252 decodes any byte sequence, so the guess cannot fail; a valid UTF-8 file is never
 * read as Windows-1252.
 */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
}

export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
