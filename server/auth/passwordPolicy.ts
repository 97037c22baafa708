/**
 * What a new staff password may not be (docs/design.md: Security model, Passwords): shorter than 10 characters
 * (the schemas), equal to the username, or on the shipped list of common and breached passwords
 * (`commonPasswords.txt`, see `commonPasswords.LICENSE` for where it comes from), ignoring case.
 * Applies wherever a person chooses a password: the password change, `POST /api/users`, `inzage user add|reset`.
 * A generated password is random and never checked.
 */
import { readFileSync } from 'node:fs';
import { ERROR_MESSAGES } from '../../shared/errors.ts';

const LIST = new URL('./commonPasswords.txt', import.meta.url);
let common: Set<string> | null = null;

/** The list, loaded on first use (about 1,600 entries of 10 characters or more: shorter ones are refused anyway). */
function commonPasswords(): Set<string> {
  return (common ??= new Set(readFileSync(LIST, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '')));
}

/** Whether `password` is too easy to guess for `username` (case ignored). */
export function isWeakPassword(password: string, username: string): boolean {
  const p = password.trim().toLowerCase();
  return p === username.trim().toLowerCase() || commonPasswords().has(p);
}

export const WEAK_PASSWORD_MESSAGE = ERROR_MESSAGES['weak-password'];
