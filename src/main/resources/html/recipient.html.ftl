<#import "page.ftl" as layout>
<#-- What happened to one address: every run that had it, and its suppression. -->
<@layout.page title="${found.address()}">
<h1>${found.address()}</h1>
<#if found.suppressed()??>
<div class="error" role="status"><p><b>Suppressed</b> (${found.suppressed().reason()}, ${found.suppressed().source()}, since ${found.suppressed().sinceUtc()}): no campaign sends to ${found.suppressed().address()}.</p></div>
<#else>
<p class="muted">Not on the suppression list.</p>
</#if>

<h2>Runs that had this address</h2>
<table>
<tr><th>Run</th><th>Campaign</th><th>Row of the list</th><th>State</th><th>Reason and next step</th><th>Provider's id and status</th><th>Sent</th><th>Last change</th></tr>
<#list found.runs() as row>
<tr>
  <td><a href="/runs/${row.runId()?c}">${row.runId()?c}</a> <span class="status ${row.runStatus()}">${row.runStatus()}</span></td>
  <td>${row.campaign()}<#if row.dryRun()> <span class="muted">(dry run)</span></#if></td>
  <td>${row.row()?c}: ${row.address()}</td>
  <td><b>${row.state()}</b><#if row.attempts() gt 1> <span class="muted">(${row.attempts()} attempts)</span></#if></td>
  <td>${row.reason()!""}<#if row.nextStep()??><br><span class="muted">${row.nextStep()}</span></#if></td>
  <td class="muted">${row.providerMessageId()!""}<#if row.providerStatus()??><br>${row.providerStatus()}</#if></td>
  <td>${row.sentAtUtc()!""}</td>
  <td>${row.updatedAtUtc()}</td>
</tr>
<#else>
<tr><td colspan="8" class="muted">No run has had ${found.address()} (looked up as <#list found.lookedUpAs() as form>${form}<#sep>, </#sep></#list>).</td></tr>
</#list>
</table>
<p><a href="/">All campaigns and runs</a></p>
</@layout.page>
