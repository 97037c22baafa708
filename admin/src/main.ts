// The console (DESIGN: `admin/`): supervisors and admins approve, watch and end review sessions.
import './components/adm-app.ts';
