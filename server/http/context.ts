/** What every route module is given (built once in createApp). */
import type { AuditBursts } from '../audit/bursts.ts';
import type { Auth } from '../auth/session.ts';
import type { StaffService } from '../auth/staffService.ts';
import type { Clock } from '../clock.ts';
import type { ServerConfig } from '../config.ts';
import type { KioskHub } from '../kiosks/hub.ts';
import type { RoomService } from '../kiosks/rooms.ts';
import type { RetentionJob } from '../privacy/retention.ts';
import type { ConsoleHub } from '../realtime/consoles.ts';
import type { ReviewEngine } from '../review/engine.ts';
import type { ExamSettings } from '../review/examSettings.ts';
import type { RemarkService } from '../review/remarks.ts';
import type { Store } from '../store/index.ts';
import type { MediaGrants } from '../media/grants.ts';
import type { SharedBackoffs } from '../cluster/backoff.ts';

export interface Ctx {
  store: Store;
  clock: Clock;
  config: ServerConfig;
  auth: Auth;
  engine: ReviewEngine;
  kiosks: KioskHub;
  consoles: ConsoleHub;
  retention: RetentionJob;
  bursts: AuditBursts;
  staff: StaffService;
  exams: ExamSettings;
  rooms: RoomService;
  grants: MediaGrants;
  remarks: RemarkService;
  /** several processes: the login back-off kept for all of them (server/cluster/backoff.ts); absent with one */
  sharedLimits?: SharedBackoffs;
}
