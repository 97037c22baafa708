/**
 * The printed reports as server-rendered HTML (docs/design.md: The review record): a plain document under the strict
 * CSP — its stylesheet (with the print rules) and the one script (the print button) are files of the console's
 * bundle (`admin/public/report.css`, `report.js`), nothing inline. Every value is escaped.
 */
import type { Lang } from '../../../shared/i18n/lang.ts';
import { locale, otherLang } from '../../../shared/i18n/lang.ts';
import type { HeldReviewDto, ReviewReportDto } from '../../../shared/reviewRecord.ts';
import type { GroupReport } from '../history.ts';
import { escapeHtml as esc } from '../../http/escapeHtml.ts';
import { reportText, type ReportKey } from './texts.ts';

export interface ReportOptions { lang: Lang; timeZone: string }

type T = (key: ReportKey, params?: Record<string, string | number>) => string;
const textsOf = (lang: Lang): T => (key, params) => (reportText.t as (l: Lang, k: string, p?: Record<string, string | number>) => string)(lang, key, params);

function when(iso: string, o: ReportOptions): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(o.lang), { dateStyle: 'long', timeStyle: 'medium', timeZone: o.timeZone }).format(new Date(iso));
}

function duration(from: string, to: string | null, t: T): string {
  if (!to) return '—';
  const secs = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
  return t('report.minutes', { m: Math.floor(secs / 60), s: secs % 60 });
}

function page(o: ReportOptions, title: string, body: string): string {
  const t = textsOf(o.lang);
  const other = otherLang(o.lang);
  return `<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/admin/report.css">
<script type="module" src="/admin/report.js"></script>
</head>
<body>
<nav class="tools" aria-label="${esc(t('report.print'))}">
<button type="button" id="print">${esc(t('report.print'))}</button>
<a href="?lang=${other}&amp;tz=${encodeURIComponent(o.timeZone)}" lang="${other}">${esc(t('report.otherLang'))}</a>
</nav>
<main>
${body}
</main>
</body>
</html>
`;
}

const facts = (rows: [string, string][]) =>
  `<dl class="facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;

function details(d: Record<string, unknown>): string {
  const parts = Object.entries(d).map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`);
  return esc(parts.join('; '));
}

/** `GET /api/reviews/:id/report`: the record of one review. */
export function reviewReportHtml(r: ReviewReportDto, o: ReportOptions): string {
  const t = textsOf(o.lang);
  const v = r.review;
  const running = v.endedAt === null;
  const q = (n: number) => t('report.question', { n });
  const review = facts([
    [t('report.candidate'), v.candidateName], [t('report.number'), v.candidateNumber], [t('report.exam'), v.examTitle],
    [t('report.group'), v.groupName], [t('report.kiosk'), v.kioskName],
    [t('report.approvedBy'), v.approvedByName && v.approvedByName !== v.approvedBy ? `${v.approvedByName} (${v.approvedBy})` : v.approvedBy],
    [t('report.start'), when(v.startedAt, o)], [t('report.limit'), when(v.endsAt, o)],
    ...(running ? [] : [
      [t('report.end'), when(v.endedAt ?? '', o)], [t('report.duration'), duration(v.startedAt, v.endedAt, t)],
      [t('report.reason'), v.endReason ? t(`endReason.${v.endReason}`) : '—'], [t('report.endedBy'), v.endedBy ?? '—'],
    ] as [string, string][]),
  ]);
  const viewed = r.viewed.length
    ? `<p>${esc(t('report.viewedCount', { n: r.viewed.length, total: v.questionCount }))}</p><p>${esc([...r.viewed].sort((a, b) => a.number - b.number).map((x) => q(x.number)).join(', '))}</p>`
    : `<p>${esc(t('report.none'))}</p>`;
  const opened = r.opened.length
    ? `<ul>${r.opened.map((x) => `<li>${esc(`${q(x.number)}: ${t(x.what === 'scheme' ? 'report.scheme' : 'report.key')}`)}</li>`).join('')}</ul>`
    : `<p>${esc(t('report.none'))}</p>`;
  const remarks = r.remarks.length
    ? `<table><thead><tr><th scope="col">${esc(t('report.remark.question'))}</th><th scope="col">${esc(t('report.remark.kind'))}</th><th scope="col">${esc(t('report.remark.text'))}</th><th scope="col">${esc(t('report.remark.status'))}</th></tr></thead><tbody>${
      r.remarks.map((m) => `<tr><td>${esc(q(m.number))}</td><td>${esc(t(`report.kind.${m.kind}` as ReportKey))}</td><td>${esc(m.text)}</td><td>${esc(t(`report.status.${m.status}` as ReportKey))}</td></tr>`).join('')
    }</tbody></table>`
    : `<p>${esc(t('report.none'))}</p>`;
  const chain = r.audit.verified
    ? `<p class="ok">${esc(t('report.chainOk', { n: r.audit.count }))}</p>`
    : `<p class="problem" role="alert">${esc(t('report.chainBroken', { seq: r.audit.problem?.seq ?? 0, reason: r.audit.problem?.reason ?? '' }))}</p>`;
  const audit = r.audit.lines.length
    ? `<table class="audit"><caption>${esc(t('report.auditCaption'))}</caption><thead><tr>${
      (['report.col.seq', 'report.col.at', 'report.col.actor', 'report.col.action', 'report.col.details', 'report.col.hash'] as const).map((k) => `<th scope="col">${esc(t(k))}</th>`).join('')
    }</tr></thead><tbody>${r.audit.lines.map((l) => `<tr><th scope="row">${l.seq}</th><td>${esc(when(l.at, o))}</td><td>${esc(l.actor)}</td><td><code>${esc(l.action)}</code></td><td>${details(l.details)}</td><td class="hash"><code>${esc(l.prev)}</code><code>${esc(l.hash)}</code></td></tr>`).join('')}</tbody></table>`
    : `<p>${esc(t('report.noAudit'))}</p>`;
  return page(o, t('report.docTitle', { name: v.candidateName }), `
<header><h1>${esc(t('report.title'))}</h1><p class="muted">${esc(t('report.generated', { at: when(r.generatedAt, o) }))}</p>
${running ? `<p class="notice">${esc(t('report.running'))}</p>` : ''}</header>
<section aria-labelledby="h-review"><h2 id="h-review">${esc(t('report.review'))}</h2>${review}</section>
<section aria-labelledby="h-viewed"><h2 id="h-viewed">${esc(t('report.viewed'))}</h2>${viewed}</section>
<section aria-labelledby="h-opened"><h2 id="h-opened">${esc(t('report.opened'))}</h2>${opened}</section>
<section aria-labelledby="h-remarks"><h2 id="h-remarks">${esc(t('report.remarks'))}</h2>${remarks}</section>
<section aria-labelledby="h-audit" class="audit-section"><h2 id="h-audit">${esc(t('report.audit'))}</h2><p class="muted">${esc(t('report.auditIntro'))}</p>${chain}${audit}</section>
<section class="signature" aria-label="${esc(t('report.signature'))}"><p>${esc(t('report.signature'))}</p><div class="line"></div></section>`);
}

function groupRow(h: HeldReviewDto, o: ReportOptions, t: T): string {
  const outcome = h.endReason ? t(`endReason.${h.endReason}`) : t('group.runningNow');
  return `<tr><td>${esc(h.candidateNumber)}</td><th scope="row">${esc(h.candidateName)}</th><td>${esc(when(h.startedAt, o))}</td>
<td>${esc(duration(h.startedAt, h.endedAt, t))}</td><td>${esc(h.kioskName)}</td><td>${esc(h.approvedByName || h.approvedBy)}</td><td>${esc(outcome)}</td>
<td class="num">${h.viewedCount} / ${h.questionCount}</td><td class="num">${h.openedCount}</td><td class="num">${h.remarkCount}</td>
<td><a href="/api/reviews/${encodeURIComponent(h.id)}/report?lang=${o.lang}&amp;tz=${encodeURIComponent(o.timeZone)}">${esc(t('group.open'))}<span class="sr-only"> ${esc(h.candidateName)}</span></a></td></tr>`;
}

/** `GET /api/groups/:id/report`: the reviews of one group on one page. */
export function groupReportHtml(g: GroupReport, o: ReportOptions): string {
  const t = textsOf(o.lang);
  const cols = [t('report.number'), t('report.candidate'), t('report.start'), t('report.duration'), t('report.kiosk'), t('report.approvedBy'),
    t('group.col.ended'), t('group.col.viewed'), t('group.col.opened'), t('group.col.remarks'), t('group.col.report')];
  const table = g.reviews.length
    ? `<table><caption>${esc(t('group.caption'))}</caption><thead><tr>${cols.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead><tbody>${g.reviews.map((h) => groupRow(h, o, t)).join('')}</tbody></table>`
    : `<p>${esc(t('group.empty'))}</p>`;
  return page(o, t('group.docTitle', { name: g.group.name }), `
<header><h1>${esc(t('group.title'))}</h1><p class="muted">${esc(t('report.generated', { at: when(g.generatedAt, o) }))}</p></header>
<section aria-labelledby="h-group"><h2 id="h-group">${esc(g.group.name)}</h2>${facts([
    [t('report.exam'), g.exam.title], [t('report.start'), when(g.group.startsAt, o)],
    [t('group.candidates'), String(g.candidateCount)], [t('group.reviewed'), String(g.reviewedCount)], [t('group.reviews'), String(g.reviews.length)],
  ])}</section>
<section aria-labelledby="h-reviews" class="wide"><h2 id="h-reviews">${esc(t('group.reviews'))}</h2>${table}</section>
<section class="signature" aria-label="${esc(t('report.signature'))}"><p>${esc(t('report.signature'))}</p><div class="line"></div></section>`);
}
