/** The names an audit export puts beside ids: the kiosks, staff and exams the store knows now. */
import type { Store } from '../store/index.ts';
import type { AuditNames } from './csv.ts';

export function auditNames(store: Pick<Store, 'kiosks' | 'staff' | 'content'>): AuditNames {
  return {
    kiosk: (id) => store.kiosks.get(id)?.name,
    user: (id) => store.staff.byId(id)?.username,
    exam: (id) => store.content.exam(id)?.title,
  };
}
