/**
 * The pages' style sheets, inlined in every page (a page opens from a file, offline): what both
 * pages share, written once, then what each page adds. Status colours are Okabe-Ito hues darkened
 * until white text on them reads at WCAG AA; every status also has a word and a symbol, so no
 * verdict is told by colour alone.
 */

/** The palette, the type, links, muted and small text, the status badges' colours, the footer. */
const SHARED_CSS = `
:root {
  --ink: #1a1a1a; --muted: #5c5c5c; --faint: #d9d9d9; --paper: #ffffff; --wash: #f6f6f4;
  --pass: #00704f; --pass-wash: #e3f3ec;
  --fail: #a84400; --fail-wash: #fff1e6;
  --error: #7b2d61; --error-wash: #f9ebf4;
  --skip: #595959; --skip-wash: #efefef;
  --blue: #0072b2; --vermillion: #d55e00;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--wash); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; line-height: 1.2; }
h2 { font-size: 19px; padding-bottom: 4px; border-bottom: 1px solid var(--faint); }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em; }
a { color: var(--blue); }
.muted { color: var(--muted); }
.small { font-size: 13px; }
.eyebrow { font-size: 13px; letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); margin: 0; }
.badge.pass { background: var(--pass-wash); color: var(--pass); border: 1px solid var(--pass); }
.badge.fail { background: var(--fail); color: #fff; border: 1px solid var(--fail); }
.badge.error { background: var(--error); color: #fff; border: 1px solid var(--error); }
.key { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; vertical-align: -1px; }
footer { margin-top: 40px; font-size: 13px; color: var(--muted); border-top: 1px solid var(--faint); padding-top: 10px; }
@media print { body { background: #fff; } }
`;

/** The report of one team (report-html.ts). */
export const REPORT_CSS = `${SHARED_CSS}main { max-width: 1000px; }
h2 { margin: 36px 0 12px; }
h3 { font-size: 16px; margin: 0; }
p { margin: 6px 0; }
.members { margin: 2px 0 16px; padding: 0; list-style: none; }
.members li { display: inline; }
.members li + li::before { content: " \u00b7  "; color: var(--muted); }

.verdict { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 24px; padding: 16px 20px; border-radius: 8px; border: 2px solid; background: var(--paper); }
.verdict.passed { border-color: var(--pass); }
.verdict.failed { border-color: var(--fail); }
.verdict .headline { font-size: 22px; font-weight: 700; margin: 0; }
.verdict.passed .headline { color: var(--pass); }
.verdict.failed .headline { color: var(--fail); }
.score { font-size: 28px; font-weight: 700; margin-left: auto; white-space: nowrap; }
.score small { font-size: 15px; font-weight: 400; color: var(--muted); }
.tally { width: 100%; margin: 0; }
.tally span + span::before { content: " \u00b7  "; color: var(--muted); }

.todo { margin: 16px 0 0; padding: 14px 18px; background: var(--paper); border-left: 6px solid var(--fail); border-radius: 4px; }
.todo h2 { margin: 0 0 6px; border: 0; padding: 0; font-size: 17px; }
.todo ol { margin: 0; padding-left: 22px; }
.todo li { margin: 4px 0; }
.hidden-note { margin: 12px 0 0; padding: 10px 14px; background: var(--paper); border-radius: 4px; border: 1px dashed var(--faint); }

.badge { display: inline-block; min-width: 78px; padding: 2px 8px; border-radius: 4px; font-size: 13px; font-weight: 700; letter-spacing: 0.04em; text-align: center; white-space: nowrap; }
.badge.skip { background: var(--skip-wash); color: var(--skip); border: 1px solid #b3b3b3; }
.tag { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 3px; font-size: 12px; background: #ece6f5; color: #4b3a6b; vertical-align: 1px; }

.checks { list-style: none; margin: 0; padding: 0; }
.check { background: var(--paper); border: 1px solid var(--faint); border-left: 6px solid var(--faint); border-radius: 4px; margin: 0 0 10px; padding: 12px 16px; }
.check.pass { border-left-color: var(--pass); }
.check.fail { border-left-color: var(--fail); background: var(--fail-wash); }
.check.error { border-left-color: var(--error); background: var(--error-wash); }
.check.skip { border-left-color: #b3b3b3; }
.check-head { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
.check-head h3 { flex: 1 1 320px; }
.check-head .points { font-weight: 700; white-space: nowrap; }
.check-id { font-size: 12px; color: var(--muted); font-weight: 400; margin-left: 6px; }
.message { margin: 8px 0 0; }
.check.pass .message, .check.skip .message { color: var(--muted); font-size: 14px; }
.problem { margin: 10px 0 0; padding: 10px 12px; background: var(--paper); border-radius: 4px; border: 1px solid var(--faint); }
.problem p { margin: 0; }
.problem .label { font-weight: 700; }
.problem .hint { margin-top: 6px; }

table { border-collapse: collapse; }
.values { width: 100%; margin: 10px 0 0; font-size: 14px; background: var(--paper); }
.values th, .values td { text-align: left; padding: 4px 10px 4px 0; border-bottom: 1px solid #ececec; vertical-align: top; }
.values th { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
.values td.num, .metrics td.num { font-variant-numeric: tabular-nums; }
.in { color: var(--pass); font-weight: 600; white-space: nowrap; }
.out { color: var(--fail); font-weight: 700; white-space: nowrap; }
.obs { display: block; }
details { margin: 8px 0 0; }
summary { cursor: pointer; color: var(--muted); font-size: 13px; }
.figure-link { font-size: 13px; margin: 8px 0 0; }
details pre { background: var(--wash); padding: 8px 10px; border-radius: 4px; overflow: auto; max-height: 320px; font-size: 12px; }

.metrics { width: 100%; background: var(--paper); border: 1px solid var(--faint); }
.metrics th, .metrics td { padding: 6px 12px; border-bottom: 1px solid #ececec; text-align: right; }
.metrics th:first-child, .metrics td:first-child { text-align: left; }
.metrics thead th { font-size: 13px; }
.metrics .range { display: block; font-size: 12px; color: var(--muted); }

figure { margin: 0 0 24px; background: var(--paper); border: 1px solid var(--faint); border-radius: 4px; padding: 12px; }
figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { margin-top: 8px; font-size: 14px; color: var(--muted); }
figcaption strong { color: var(--ink); }
.key { margin: 0 3px 0 6px; }
.key.blue { background: var(--blue); }
.key.vermillion { background: var(--vermillion); }
.key.grey { background: #b3b3b3; }

.panel { background: var(--paper); border: 1px solid var(--faint); border-radius: 4px; padding: 12px 16px; }
.panel dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
.panel dt { font-weight: 600; }
.panel dd { margin: 0; }
.warnings { margin: 8px 0 0; padding-left: 20px; }

pre.log { background: #1e1e1e; color: #f0f0f0; padding: 12px 14px; border-radius: 4px; max-height: 480px; overflow: auto; white-space: pre-wrap; word-break: break-word; font-size: 12.5px; line-height: 1.45; margin: 0; }
.note { font-size: 13px; color: var(--muted); margin: 6px 0; }
@media print {
  .check, figure, .panel, .verdict, .todo { break-inside: avoid; }
  pre.log { max-height: none; color: #000; background: #f4f4f4; }
}
`;

/** The class at a glance (class-index.ts). */
export const CLASS_INDEX_CSS = `${SHARED_CSS}main { max-width: 1240px; }
h2 { margin: 28px 0 10px; }
.card h2 { margin-top: 0; }
.summary { font-size: 16px; margin: 4px 0 0; }
.summary .sep { color: var(--muted); }
.st { font-weight: 700; }
.st.pass { color: var(--pass); } .st.fail { color: var(--fail); } .st.error { color: var(--error); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.warnings { background: var(--paper); border-left: 6px solid var(--fail); border-radius: 4px; padding: 10px 16px; margin-top: 16px; }
.warnings h2 { border: 0; margin: 0 0 4px; padding: 0; font-size: 16px; }
.warnings ul, .skipped { margin: 0; padding-left: 20px; }
.overview { display: flex; flex-wrap: wrap; gap: 20px; margin-top: 20px; align-items: flex-start; }
.card { background: var(--paper); border: 1px solid var(--faint); border-radius: 6px; padding: 14px 16px; flex: 1 1 460px; min-width: 0; }
.histogram { display: block; width: 100%; max-width: 620px; height: auto; }
.histogram .bar { fill: var(--blue); }
.histogram .grid { stroke: #ececec; stroke-width: 1; }
.histogram .axis { stroke: #262626; stroke-width: 1; }
.histogram text { font: 12px system-ui, sans-serif; fill: var(--ink); }
.histogram .tick { fill: var(--muted); font-size: 11px; }
.histogram .count { font-weight: 700; }
.histogram .label { font-size: 12px; }
.legend { margin: 0 0 8px; color: var(--muted); }
.key { margin: 0 3px 0 8px; }
.key:first-child { margin-left: 0; }
.key.pass, .seg.pass { background: var(--pass); }
.key.fail, .seg.fail { background: var(--vermillion); }
.key.error, .seg.error { background: repeating-linear-gradient(45deg, var(--error) 0 3px, #b36a9b 3px 6px); }
.key.skip, .seg.skip { background: #bdbdbd; }
.rates { width: 100%; border-collapse: collapse; }
.rates th, .rates td { text-align: left; padding: 5px 8px 5px 0; border-bottom: 1px solid #ececec; vertical-align: middle; font-weight: 400; }
.rates th { width: 44%; }
.check-title { display: block; font-size: 12px; color: var(--muted); line-height: 1.3; }
.track { display: flex; height: 12px; background: #f1f1f1; border-radius: 3px; overflow: hidden; }
.seg { display: block; height: 100%; }
.rate-text { display: block; font-size: 12px; color: var(--muted); margin-top: 2px; }
.tag { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 3px; font-size: 11px; background: #ece6f5; color: #4b3a6b; }
.table-wrap { overflow-x: auto; background: var(--paper); border: 1px solid var(--faint); border-radius: 6px; }
.teams { border-collapse: collapse; width: 100%; font-size: 14px; }
.teams th, .teams td { padding: 6px 8px; border-bottom: 1px solid #ececec; text-align: left; vertical-align: top; }
.teams thead th { vertical-align: bottom; background: #fafafa; border-bottom: 2px solid var(--faint); white-space: nowrap; }
.teams thead button { font: inherit; font-weight: 600; font-size: 13px; color: var(--ink); background: none; border: 0; padding: 2px 0; cursor: pointer; text-align: left; }
.teams thead button:hover, .teams thead button:focus-visible { color: var(--blue); text-decoration: underline; }
.teams thead th[aria-sort="ascending"] button::after { content: " \\25B2"; font-size: 10px; }
.teams thead th[aria-sort="descending"] button::after { content: " \\25BC"; font-size: 10px; }
.teams th.check-col { padding: 6px 2px; text-align: center; }
.teams th.check-col button { text-align: center; }
.vertical { writing-mode: vertical-rl; transform: rotate(180deg); font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; font-weight: 400; }
.teams tbody th { font-weight: 600; white-space: nowrap; }
.teams td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.pct { display: block; font-size: 12px; }
.teams tr.error { background: var(--error-wash); }
.why { display: block; max-width: 280px; font-size: 12px; color: var(--error); margin-top: 3px; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 4px; font-size: 12px; font-weight: 700; letter-spacing: 0.04em; white-space: nowrap; }
.mark-cell { text-align: center !important; padding: 6px 2px !important; }
.mark { display: inline-block; min-width: 1.5em; border-radius: 3px; font-weight: 700; text-align: center; line-height: 1.5; }
.mark.pass { color: var(--pass); background: var(--pass-wash); }
.mark.fail { color: #fff; background: var(--fail); }
.mark.error { color: #fff; background: var(--error); }
.mark.skip { color: var(--skip); background: var(--skip-wash); }
.mark.none { color: var(--muted); }
@media print { .card, .table-wrap { break-inside: avoid; } }
`;

/**
 * The answer pages (answers-pages.ts): one card per team, the answer on the left and the grading
 * box beside it, so thirty answers read down one column while the points stay in one place.
 */
export const ANSWERS_CSS = `${SHARED_CSS}main { max-width: 1320px; }
h2 { margin: 28px 0 10px; }
.toolbar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 8px 20px; background: var(--paper); border-bottom: 1px solid var(--faint); box-shadow: 0 1px 4px rgba(0,0,0,0.06); }
.toolbar .where { font-weight: 700; }
.toolbar nav a { margin-right: 12px; }
.toolbar .actions { margin-left: auto; display: flex; gap: 8px; align-items: center; }
button, .file-button { font: inherit; font-size: 14px; padding: 4px 12px; border-radius: 4px; border: 1px solid var(--blue); background: var(--blue); color: #fff; cursor: pointer; }
.file-button { background: var(--paper); color: var(--blue); }
.file-button input { position: absolute; width: 1px; height: 1px; opacity: 0; }
.file-button:focus-within { outline: 2px solid var(--blue); outline-offset: 2px; }
#save-status { width: 100%; margin: 0; font-size: 13px; color: var(--muted); }
.progress { font-size: 13px; font-weight: 600; color: var(--fail); white-space: nowrap; }
.progress.done { color: var(--pass); }
.prompt { background: var(--paper); border: 1px solid var(--faint); border-left: 6px solid var(--blue); border-radius: 4px; padding: 10px 18px; margin: 12px 0 20px; font-size: 16px; }
.prompt p { margin: 6px 0; }
.section-name { margin: 0; }
.warnings { background: var(--paper); border-left: 6px solid var(--fail); border-radius: 4px; padding: 8px 16px; margin: 12px 0; font-size: 14px; }
.warnings ul { margin: 4px 0; padding-left: 20px; }
.teams-nav { font-size: 13px; margin: 0 0 16px; line-height: 1.9; }
.teams-nav a { display: inline-block; margin-right: 6px; padding: 0 6px; border: 1px solid var(--faint); border-radius: 3px; background: var(--paper); text-decoration: none; }
.teams-nav a.missing { color: var(--muted); border-style: dashed; }
.team { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 0; background: var(--paper); border: 1px solid var(--faint); border-radius: 6px; margin: 0 0 16px; scroll-margin-top: 64px; }
.team.missing { background: #fafafa; }
.answer { padding: 10px 18px; min-width: 0; border-right: 1px solid var(--faint); }
.team-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; margin: 0 0 8px; }
.team-head h2 { margin: 0; padding: 0; border: 0; font-size: 18px; }
.team-head .members { font-size: 13px; color: var(--muted); }
.flag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; background: #ece6f5; color: #4b3a6b; }
.flag.missing { background: var(--fail-wash); color: var(--fail); font-weight: 700; }
.cell { margin: 8px 0; }
.cell.markdown h1, .cell.markdown h2, .cell.markdown h3, .cell.markdown h4 { font-size: 16px; margin: 10px 0 4px; padding: 0; border: 0; }
.cell.markdown p { margin: 6px 0; }
.cell.markdown table { border-collapse: collapse; margin: 6px 0; font-size: 14px; }
.cell.markdown th, .cell.markdown td { border: 1px solid var(--faint); padding: 2px 10px; text-align: left; }
.cell.markdown blockquote { margin: 6px 0; padding: 2px 12px; border-left: 3px solid var(--faint); color: var(--muted); }
.math { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.88em; color: #4b3a6b; }
.cell.markdown pre, pre.code { background: #f5f7fa; border: 1px solid #e6e9ee; border-radius: 4px; padding: 8px 10px; overflow: auto; max-height: 360px; font-size: 12.5px; line-height: 1.45; margin: 0; }
.outputs { margin: 4px 0 0 0; padding-left: 10px; border-left: 3px solid #e6e9ee; }
.outputs pre { white-space: pre-wrap; word-break: break-word; max-height: 240px; overflow: auto; margin: 4px 0; font-size: 12.5px; }
.outputs img { display: block; max-width: 100%; max-height: 420px; height: auto; margin: 6px 0; border: 1px solid #eee; }
.out-error { color: var(--error); background: var(--error-wash); padding: 4px 8px; border-radius: 3px; }
.out-omitted, .cut-note, .img-note { color: var(--muted); font-style: italic; font-size: 13px; }
.none { color: var(--muted); font-style: italic; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.grade { padding: 10px 14px; background: #fbfbfa; border-radius: 0 6px 6px 0; }
.grade-inner { position: sticky; top: 64px; }
.grade label { display: block; font-size: 13px; font-weight: 600; margin: 0 0 2px; }
.grade input.points { width: 6em; font: inherit; font-size: 18px; padding: 2px 6px; border: 1px solid #b3b3b3; border-radius: 4px; }
.grade input.points[aria-invalid="true"] { border: 2px solid var(--fail); background: var(--fail-wash); }
.grade .of { font-size: 15px; color: var(--muted); margin-left: 4px; }
.grade textarea.comment { width: 100%; min-height: 48px; font: inherit; font-size: 14px; padding: 4px 6px; border: 1px solid #b3b3b3; border-radius: 4px; resize: vertical; margin-top: 8px; }
.verdicts { list-style: none; margin: 8px 0 0; padding: 0; font-size: 12px; display: flex; flex-wrap: wrap; gap: 4px 10px; }
.verdicts li { white-space: nowrap; }
.no-notebook { display: block; padding: 10px 14px; }
.folded-list { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 8px 14px; }
.folded h2 { font-size: 15px; border: 0; margin: 4px 0 0; padding: 0; }
.folded .grade { border-radius: 6px; }
.thumbs { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.thumb { display: flex; align-items: flex-end; gap: 6px; max-width: 100%; font-size: 11px; color: var(--muted); text-decoration: none; }
.thumb img { display: block; max-width: 120px; max-height: 84px; width: auto; height: auto; border: 1px solid #ddd; border-radius: 3px; background: #fff; }
.thumb:hover img, .thumb:focus-visible img { border-color: var(--blue); }
.mark { display: inline-block; min-width: 4.6em; padding: 0 5px; border-radius: 3px; font-size: 12px; font-weight: 700; text-align: center; }
.mark.pass { color: var(--pass); background: var(--pass-wash); }
.mark.fail { color: #fff; background: var(--fail); }
.mark.error { color: #fff; background: var(--error); }
.mark.skip, .mark.none { color: var(--skip); background: var(--skip-wash); }
.questions { width: 100%; border-collapse: collapse; background: var(--paper); border: 1px solid var(--faint); font-size: 14px; }
.questions th, .questions td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #ececec; vertical-align: top; }
.questions thead th { background: #fafafa; font-size: 13px; }
.questions td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.questions .q-prompt p { margin: 0 0 4px; }
.questions .q-prompt { max-width: 640px; }
.hljs-keyword, .hljs-built_in, .hljs-literal { color: #7a3e9d; }
.hljs-string { color: #1c6b48; }
.hljs-number { color: #a04900; }
.hljs-comment { color: #6b6b6b; font-style: italic; }
.hljs-title, .hljs-function .hljs-title { color: #005a9e; }
.hljs-meta { color: #5c5c5c; }
@media (max-width: 900px) { .team { grid-template-columns: 1fr; } .answer { border-right: 0; border-bottom: 1px solid var(--faint); } }
@media print { .toolbar { position: static; } .team { break-inside: avoid; } }
`;
