/** The HTML report's whole stylesheet, inlined so the file needs nothing else to render. */
export const HTML_STYLES = `
:root { color-scheme: light dark; --pass: #1a7f37; --fail: #cf222e; --muted: #6e7781; --line: #d0d7de; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2.5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin-top: 1.5rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: rgba(127,127,127,.08); }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.pass { color: var(--pass); font-weight: 600; } .fail { color: var(--fail); font-weight: 600; }
.muted { color: var(--muted); }
.diagonal { background: rgba(26,127,55,.12); font-weight: 600; }
.off { background: rgba(207,34,46,.08); }
pre { white-space: pre-wrap; word-break: break-word; margin: 0; max-width: 36rem; font-size: 12px; }
ul.reasons { margin: 0; padding-left: 1.1rem; }
.summary span { display: inline-block; margin-right: 1.5rem; }
`;
