/**
 * Hash routes of the console, so that back/forward and bookmarks work without server routes:
 * `#/groepen`, `#/groepen/:id`, `#/kandidaat/:number?groep=:id`, `#/kiosks`, `#/lokaal/:id` (a room map),
 * `#/opmerkingen`, `#/meekijken/:reviewId` (the mirror of a running review), and the admin sections.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type AdminSection = 'rooms' | 'exams' | 'import' | 'staff' | 'audit';

export type Route =
  | { name: 'groups' }
  | { name: 'results'; groupId: string }
  | { name: 'candidate'; number: string; groupId?: string }
  | { name: 'kiosks' }
  | { name: 'room'; roomId: string }
  | { name: 'remarks' }
  | { name: 'mirror'; reviewId: string }
  | { name: 'admin'; section: AdminSection }
  | { name: 'not-found' };

const SECTION_PATH: Record<AdminSection, string> = {
  rooms: 'lokalen', exams: 'examens', import: 'importeren', staff: 'medewerkers', audit: 'auditlog',
};

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const params = new URLSearchParams(query);
  const [head, arg, ...rest] = parts;
  if (rest.length) return { name: 'not-found' };
  switch (head) {
    case undefined:
    case 'groepen':
      return arg ? { name: 'results', groupId: arg } : { name: 'groups' };
    case 'kandidaat':
      if (!arg) return { name: 'not-found' };
      return { name: 'candidate', number: arg, groupId: params.get('groep') ?? undefined };
    case 'kiosks':
      return arg ? { name: 'not-found' } : { name: 'kiosks' };
    case 'lokaal':
      return arg ? { name: 'room', roomId: arg } : { name: 'not-found' };
    case 'opmerkingen':
      return arg ? { name: 'not-found' } : { name: 'remarks' };
    case 'meekijken':
      return arg ? { name: 'mirror', reviewId: arg } : { name: 'not-found' };
  }
  const section = (Object.keys(SECTION_PATH) as AdminSection[]).find((s) => SECTION_PATH[s] === head);
  return section && !arg ? { name: 'admin', section } : { name: 'not-found' };
}

export function href(route: Route): string {
  const enc = encodeURIComponent;
  switch (route.name) {
    case 'groups': return '#/groepen';
    case 'results': return `#/groepen/${enc(route.groupId)}`;
    case 'candidate': return `#/kandidaat/${enc(route.number)}${route.groupId ? `?groep=${enc(route.groupId)}` : ''}`;
    case 'kiosks': return '#/kiosks';
    case 'room': return `#/lokaal/${enc(route.roomId)}`;
    case 'remarks': return '#/opmerkingen';
    case 'mirror': return `#/meekijken/${enc(route.reviewId)}`;
    case 'admin': return `#/${SECTION_PATH[route.section]}`;
    case 'not-found': return '#/';
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}

/** The current route; re-renders its host on every hash change while connected. */
export class RouteController implements ReactiveController {
  route: Route = parseRoute(location.hash);
  private readonly onChange = () => {
    this.route = parseRoute(location.hash);
    this.host.requestUpdate();
    this.changed?.(this.route);
  };
  constructor(private readonly host: ReactiveControllerHost, private readonly changed?: (route: Route) => void) {
    host.addController(this);
  }
  hostConnected() {
    window.addEventListener('hashchange', this.onChange);
    this.route = parseRoute(location.hash);
  }
  hostDisconnected() {
    window.removeEventListener('hashchange', this.onChange);
  }
}
