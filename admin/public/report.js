// The print button of the printed reports (server/review/report/html.ts): a file, since the CSP allows no inline script.
document.getElementById('print')?.addEventListener('click', () => window.print());
