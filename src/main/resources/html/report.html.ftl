<#-- The run report: one self-contained page. Every value from the run is escaped (HTML output format). -->
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${summary.campaign()} run ${summary.runId()}<#if summary.dryRun()> (dry run)</#if></title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 60em; color: #222; padding: 0 1em; }
  h1 { font-size: 1.5em; margin-bottom: 0.2em; }
  h2 { font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
  .sub { color: #666; margin-top: 0; }
  .ok { color: #2e7d32; font-weight: bold; }
  .bad { color: #c62828; font-weight: bold; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid #eee; vertical-align: top; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9em, 1fr)); gap: 0.8em; }
  .figure { background: #f6f7f9; border-radius: 6px; padding: 0.6em 0.8em; }
  .figure b { display: block; font-size: 1.4em; }
  .figure span { color: #555; font-size: 0.85em; }
  svg text { font-size: 12px; font-family: inherit; }
</style>
</head>
<body>
<h1>${summary.campaign()}: run ${summary.runId()}<#if summary.dryRun()> (dry run: nothing was sent)</#if></h1>
<p class="sub">Files of this report: <#list files as file><a href="${file}">${file}</a><#sep> · </#list>
(recipients.csv: every row, its state and reason; rejected.csv: the rejected rows as the list had them, to correct and send again).</p>
<p class="sub">List <b>${summary.listName()}</b> (<code>${summary.recipientsFile()}</code>, sha256 ${summary.recipientsSha256()?substring(0, 12)}…),
started ${summary.startedAt().toString()}, reported ${summary.reportedAt().toString()}.</p>

<p><#if summary.complete()><span class="ok">Every row is accounted for:</span> ${summary.rowsIn()} rows in, ${summary.rowsAccountedFor()} in the report.
<#else><span class="bad">Rows in (${summary.rowsIn()!"unknown"}) and rows in the report (${summary.rowsAccountedFor()}) differ.</span></#if></p>

<div class="figures">
  <div class="figure"><b>${summary.rowsAccountedFor()}</b><span>rows</span></div>
<#if summary.dryRun()>
  <div class="figure"><b>${summary.rowsAccountedFor() - summary.states()["REJECTED"]}</b><span>would be sent</span></div>
  <div class="figure"><b>${summary.states()["REJECTED"]}</b><span>would be rejected</span></div>
<#else>
  <div class="figure"><b>${summary.attempts()}</b><span>requests</span></div>
  <div class="figure"><b>${summary.retries()}</b><span>retries</span></div>
  <div class="figure"><b>${summary.rateLimited()}</b><span>429 answers</span></div>
  <div class="figure"><b>${summary.attemptsPerSecond()}</b><span>requests/s while sending</span></div>
</#if>
  <div class="figure"><b>${summary.durationSeconds()} s</b><span>start to report</span></div>
  <#if summary.segments() gt 0><div class="figure"><b>${summary.segments()}</b><span>SMS segments</span></div></#if>
  <#if !summary.dryRun()><div class="figure"><b>${discrepancyCount}</b><span>discrepancies</span></div></#if>
</div>

<#if summary.workers()?size gt 1>
<h2>Messages per worker</h2>
<table>
  <tr><th>worker (host:pid)</th><th class="n">messages</th></tr>
  <#list summary.workers() as worker, messages><tr><td>${worker}</td><td class="n">${messages}</td></tr></#list>
</table>
</#if>

<h2>Final states</h2>
<svg role="img" aria-label="rows per final state" preserveAspectRatio="xMinYMin meet" width="100%" height="${states?size * 30 + 10}" viewBox="0 0 600 ${states?size * 30 + 10}">
<#list states as bar>
  <text x="0" y="${bar?index * 30 + 20}">${bar.label()}</text>
  <rect x="110" y="${bar?index * 30 + 6}" width="${bar.percent() * 4.2}" height="20" fill="${bar.colour()}"></rect>
  <text x="${bar.percent() * 4.2 + 116}" y="${bar?index * 30 + 20}">${bar.count()}</text>
</#list>
</svg>

<#if nextSteps?has_content>
<h2>What to do next</h2>
<table>
  <tr><th>rows</th><th class="n">how many</th><th>next step</th></tr>
  <#list nextSteps as step><tr><td>${step.state()}</td><td class="n">${step.rows()}</td><td>${step.step()}</td></tr></#list>
</table>
</#if>

<h2>Top errors</h2>
<#if errors?has_content>
<table>
  <tr><th>reason (each row's own values left out: …)</th><th class="n">rows</th></tr>
  <#list errors as reason, count><tr><td>${reason}</td><td class="n">${count}</td></tr></#list>
</table>
<#else><p>No row has an error.</p></#if>

<#if problemRows?has_content>
<h2>Rows the provider did not deliver</h2>
<table>
  <tr><th class="n">row</th><th>address</th><th>state</th><th>reason</th></tr>
  <#list problemRows as r><tr><td class="n">${r.row()}</td><td>${r.address()!""}</td><td>${r.state()}</td><td>${r.reason()!""}</td></tr></#list>
</table>
<#if problemCount gt problemRows?size><p>The first ${problemRows?size} of ${problemCount}; every one is in <a href="recipients.csv">recipients.csv</a>.</p></#if>
</#if>

<#if !summary.dryRun()>
<h2>Sending over time</h2>
<#if timeline?has_content>
<svg role="img" aria-label="requests sent over time" preserveAspectRatio="xMinYMin meet" width="100%" height="170" viewBox="0 0 600 170">
<#list timeline as bar>
  <rect x="${bar?index * 15}" y="${140 - bar.percent() * 1.3}" width="12" height="${bar.percent() * 1.3}" fill="${bar.colour()}"><title>${bar.label()}: ${bar.count()}</title></rect>
</#list>
  <text x="0" y="160">${timeline?first.label()}</text>
  <text x="600" y="160" text-anchor="end">${timeline?last.label()}</text>
</svg>
<#else><p>Nothing was sent.</p></#if>

</#if>

<#if !summary.dryRun()>
<h2>Discrepancies with the provider's record</h2>
<#if discrepancies?has_content>
<table>
  <tr><th class="n">row</th><th>address</th><th>what</th><th>our message</th><th>provider's message</th></tr>
  <#list discrepancies as d><tr><td class="n">${d.row()}</td><td>${d.address()}</td><td>${d.kind().description()}</td><td>${d.ourMessageId()!""}</td><td>${d.providerMessageId()!""} ${d.providerStatus()!""}</td></tr></#list>
</table>
<#if discrepancyCount gt discrepancies?size><p>… and ${discrepancyCount - discrepancies?size} more in discrepancies.csv.</p></#if>
<#else><p>None: every message we recorded is in the provider's listing, and it lists none we did not record.</p></#if>
</#if>
</body>
</html>
