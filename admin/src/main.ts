// The console (docs/design.md: What it is): supervisors and admins approve, watch and end review sessions.
import './components/adm-app.ts';
