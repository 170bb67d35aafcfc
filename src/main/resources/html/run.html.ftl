<#import "page.ftl" as layout>
<#-- A running run's page reloads itself every few seconds, so it follows the run without a script. -->
<@layout.page title="Run ${run.runId()?c} of ${run.campaign()}" refresh=run.active()?then(2, 0)>
<h1>Run ${run.runId()?c} of ${run.campaign()} <span class="status ${run.status()}">${run.status()}</span><#if run.dryRun()> <span class="muted">(dry run: nothing is sent)</span></#if></h1>
<p>List <b>${run.listName()}</b>.</p>
<p class="muted">Created ${run.createdAtUtc()}<#if run.finishedAtUtc()?? && !review??>, ended ${run.finishedAtUtc()}</#if>.
<#if run.snapshotSha256()??>Sends what it started with: files ${run.snapshotSha256()?substring(0, 12)}.</#if>
<#if run.active()>This page reloads itself while the run is sending.</#if></p>

<#if run.held()??><div class="error" role="status"><p>${run.held()}</p></div></#if>
<#if run.waiting()??><p role="status"><b>${run.waiting()}</b>.</p></#if>
<#if run.control()??><p>Asked: <b>${run.control()?lower_case}</b>; the process sending the run obeys after the chunk in flight.</p></#if>
<p><@layout.controls run form/></p>

<#if run.refusals()?has_content>
<div class="error"><p>Starts of this run that were refused:</p><ul><#list run.refusals() as refusal><li>${refusal.at().toString()}: ${refusal.startedBy()}: ${refusal.reason()}</li></#list></ul></div>
</#if>

<div class="figures">
  <div class="figure"><b>${(run.rowsIn()?c)!(run.refused()?then("–", "…"))}</b>rows in the list</div>
  <div class="figure"><b>${run.rowsAccountedFor()?c}</b>rows accounted for</div>
<#if run.dryRun() || review??>
  <div class="figure"><b>${run.wouldSend()?c}</b>would be sent</div>
<#else>
  <div class="figure"><b>${run.percent()?c}%</b><progress max="100" value="${run.percent()?c}">${run.percent()?c}%</progress> settled</div>
</#if>
</div>

<#if run.pace()??><p role="status">Sending at <b>${run.pace()}</b>.</p></#if>

<#if review??>
<div class="notice" role="status">
<h2>Review before sending</h2>
<p>The list is loaded and counted; nothing has been sent. <b>${run.wouldSend()?c}</b> row(s) would be sent<#if run.rejected() gt 0>,
<b>${run.rejected()?c}</b> are rejected (the reasons are below; <a href="#rows">their rows</a>)</#if>.
<#if review.segments()??>They take <b>${review.segments()?c}</b> SMS segment(s)<#if review.cost()??>, about <b>${review.cost()}</b> at campaign.server.price-per-segment<#else> (campaign.server.price-per-segment gives their cost)</#if>.</#if>
Send sends it; Cancel ends it unsent. Unsent, it is cancelled after campaign.server.ready-ttl.</p>
<h3>The first messages, as they will go out</h3>
<#list review.samples() as sample>
<p><b>Row ${sample.row()?c} to ${sample.to()}</b><#if sample.subject()??>: ${sample.subject()}</#if></p>
<pre style="white-space: pre-wrap; background: #fff; border: 1px solid #e4e4e4; padding: 0.5em;">${sample.body()!""}</pre>
<#else><p class="muted">No row of the list would be sent.</p></#list>
<form class="upload" method="post" action="/campaigns/${run.campaign()?url}/test">
  <input type="hidden" name="_csrf" value="${form}"><input type="hidden" name="run" value="${run.runId()?c}">
  <input type="text" name="to" required size="28" placeholder="you@example.com or +15551234567" aria-label="test addresses">
  <input type="number" name="rows" value="1" min="1" max="10" aria-label="rows to test">
  <button>Send a test</button>
</form>
</div>
</#if>

<h2>Rows by state</h2>
<table>
<tr><th>State</th><th>Rows</th></tr>
<#list run.states() as state, count><tr><td><a href="/runs/${run.runId()?c}?state=${state}#rows">${state}</a></td><td class="n">${count?c}</td></tr>
<#else><tr><td colspan="2" class="muted"><#if run.refused()>None: the list is loaded when the run starts (Resume starts it).<#else>The list is being loaded.</#if></td></tr></#list>
</table>

<#if rows.reasons()?has_content>
<h2>Top reasons</h2>
<table>
<tr><th>State</th><th>Reason (each row's own values left out: …)</th><th>Rows</th><th>Next step</th></tr>
<#list rows.reasons() as reason><tr><td>${reason.state()}</td><td>${reason.reason()!""}</td><td class="n">${reason.rows()?c}</td><td class="muted">${reason.nextStep()!""}</td></tr></#list>
</table>
</#if>

<h2 id="rows">Rows<#if rows.state()??> ${rows.state()}</#if></h2>
<form class="upload" method="get" action="/runs/${run.runId()?c}#rows">
  <label>State <select name="state" aria-label="show the rows of one state"><option value="">all</option><#list states as state><option<#if rows.state()?? && rows.state() == state> selected</#if>>${state}</option></#list></select></label>
  <button>Show</button>
</form>
<table>
<tr><th>Row</th><th>Address</th><th>State</th><th>Reason</th><th>Provider's id</th><th>Last change</th></tr>
<#list rows.rows() as row><tr><td class="n">${row.row()?c}</td><td>${row.address()!""}</td><td>${row.state()}</td><td>${row.reason()!""}</td><td class="muted">${row.providerMessageId()!""}</td><td class="muted">${row.updatedAt().toString()}</td></tr>
<#else><tr><td colspan="6" class="muted">No rows<#if rows.state()??> ${rows.state()}</#if><#if rows.page() gt 0> on this page</#if>.</td></tr></#list>
</table>
<p><#if rows.page() gt 0><a href="/runs/${run.runId()?c}?<#if rows.state()??>state=${rows.state()}&amp;</#if>page=${(rows.page() - 1)?c}#rows">previous 50</a> </#if><#if rows.hasMore()><a href="/runs/${run.runId()?c}?<#if rows.state()??>state=${rows.state()}&amp;</#if>page=${(rows.page() + 1)?c}#rows">next 50</a></#if></p>

<h2>Report</h2>
<p><@layout.reports run/></p>
<#if run.reportFiles()?seq_contains("report.html")><p><a href="/runs/${run.runId()?c}/files/report.html"><b>Open the report</b></a></p></#if>
<p><a href="/">All campaigns and runs</a></p>
</@layout.page>
