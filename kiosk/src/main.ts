/** The kiosk's entry point: lock the page down, then start the application. */
import { installLockdown } from './lockdown.ts';
import './components/app.ts';

installLockdown();
