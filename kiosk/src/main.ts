/** The kiosk's entry point: open the connection, lock the page down, then start the application. */
import './early.ts';
import { installLockdown } from './lockdown.ts';
import './components/app.ts';

installLockdown();
