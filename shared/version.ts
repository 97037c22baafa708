/** The app's version as the kiosk reports it (`kiosk:health` appVersion): package.json's, kept equal by a unit test. */
export const APP_VERSION = '0.1.0';
