/** The report's one stylesheet: print-friendly colours and page breaks, nothing external. */
export const REPORT_STYLE = `
@page { size: A4; margin: 16mm 14mm 18mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #fff; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem; color: #1b1b1b; background: #fff;
  font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #d5dbe3; }
h3 { font-size: 1.12rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; color: #2d3b4e; }
h5 { font-size: .95rem; margin: 0 0 .3rem; }
h1, h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; overflow-wrap: anywhere; }
p { margin: .35rem 0; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em; }
code { overflow-wrap: anywhere; white-space: pre-wrap; }
pre { background: #f6f7f9; border: 1px solid #dde1e6; padding: .6rem .8rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { border: 1px solid #c9ced6; padding: .25rem .45rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #eef1f5; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code.nowrap { white-space: nowrap; }
table.compact { width: auto; min-width: 24rem; }
.prose { white-space: pre-wrap; }
dl.facts { display: grid; grid-template-columns: minmax(9rem, max-content) minmax(0, 1fr); gap: .2rem 1rem; margin: .4rem 0; }
dl.facts > dt { font-weight: 600; color: #3a4657; }
dl.facts > dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
dl.kv { margin: .1rem 0 .1rem .2rem; padding-left: .6rem; border-left: 2px solid #e1e5ea; }
dl.kv > dt { font-weight: 600; display: inline; }
dl.kv > dd { display: inline; margin: 0; }
dl.kv > dd::after { content: ""; display: block; }
dl.kv > dd > dl.kv, dl.kv > dd > ol { display: block; }
ol.values { margin: .1rem 0; padding-left: 1.6rem; }
.muted { color: #5a6472; }
.status { display: inline-block; max-width: 100%; font-weight: 700; font-size: .85em; padding: 0 .4em; border: 1px solid; border-radius: 3px; overflow-wrap: anywhere; }
.st-pass { color: #1d6a2c; background: #e9f6ec; border-color: #9ccfa8; }
.st-warn { color: #7a4a00; background: #fff3d9; border-color: #e8c27a; }
.st-fail { color: #a3151b; background: #fde9ea; border-color: #eba3a6; }
.st-skipped, .st-unknown { color: #4d5561; background: #f1f2f4; border-color: #c4c9d0; }
header.summary { border: 1px solid #d5dbe3; background: #f7f9fb; padding: 1rem 1.2rem; }
nav.toc ol { columns: 2; margin: .3rem 0; }
nav.toc a { color: #1f4f8a; }
section { break-inside: auto; }
.check { border: 1px solid #d9dee5; border-left: 4px solid #c4c9d0; padding: .5rem .8rem; margin: .6rem 0; break-inside: avoid; page-break-inside: avoid; }
.check.st-border-pass { border-left-color: #5aa86b; }
.check.st-border-warn { border-left-color: #d9a43b; }
.check.st-border-fail { border-left-color: #c9474d; }
.check .label { font-weight: 600; margin: .4rem 0 .1rem; }
figure { margin: .4rem 0 .8rem; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: .9em; color: #3a4657; }
svg.coverage-chart { display: block; width: 100%; max-width: 720px; height: auto; border: 1px solid #e1e5ea; background: #fff; }
.page-start { break-before: page; page-break-before: always; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  header.summary, .status, .check, th, svg.coverage-chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.file { break-before: page; page-break-before: always; }
  pre, dl.facts, #verify { break-inside: avoid; page-break-inside: avoid; }
}
`;
