<#import "page.ftl" as layout>
<@layout.page title="Campaigns and runs">
<#if error??>
<div class="error" role="alert"><p>${error}</p>
<#if problems?has_content><ul><#list problems as problem><li>${problem}</li></#list></ul></#if></div>
</#if>
<#if notice??>
<div class="notice" role="status"><p>${notice}</p>
<#if lines?has_content><ul><#list lines as line><li>${line}</li></#list></ul></#if></div>
</#if>

<h1>Campaigns</h1>
<table>
<tr><th>Campaign</th><th>Sends</th><th>Lists also come from</th><th>Upload a recipient list (CSV)</th><th>Send a test</th></tr>
<#list campaigns as campaign>
<tr>
  <td><b>${campaign.name()}</b><#if campaign.sending()> <span class="status RUNNING">SENDING</span></#if></td>
  <td>${campaign.channel()} via ${campaign.provider()}</td>
  <td><#if campaign.schedule()??>schedule ${campaign.schedule()}<br></#if><#if campaign.inbox()??>inbox ${campaign.inbox()}</#if><#if !campaign.schedule()?? && !campaign.inbox()??><span class="muted">uploads only</span></#if></td>
  <td><form class="upload" method="post" action="/campaigns/${campaign.name()?url}/recipients?_csrf=${form?url}" enctype="multipart/form-data">
    <input type="file" name="file" accept=".csv,text/csv" required aria-label="recipient list for ${campaign.name()}">
    <button>Upload for review</button>
  </form></td>
  <td><form class="upload" method="post" action="/campaigns/${campaign.name()?url}/test">
    <input type="hidden" name="_csrf" value="${form}">
    <input type="text" name="to" required size="24" placeholder="<#if campaign.channel() == "SMS">+15551234567<#else>you@example.com</#if>, …" aria-label="test addresses for ${campaign.name()}">
    <input type="number" name="rows" value="1" min="1" max="10" aria-label="rows to test">
    <button>Send a test</button>
  </form></td>
</tr>
<#else>
<tr><td colspan="5" class="muted">No valid campaign definition in the jobs folder. <code>validate</code> says what is wrong with one.</td></tr>
</#list>
</table>

<h2>Runs <a class="muted" href="/">refresh</a></h2>
<table>
<tr><th>Run</th><th>Campaign</th><th>Status</th><th>Created</th><th>Rows in</th><th>Progress</th><th>States</th><th>Report</th><th>Control</th></tr>
<#list runs as run>
<tr>
  <td><a href="/runs/${run.runId()?c}">${run.runId()?c}</a></td>
  <td>${run.campaign()}<#if run.dryRun()> <span class="muted">(dry run)</span></#if><br><span class="muted">${run.listName()}</span></td>
  <td><span class="status ${run.status()}">${run.status()}</span>
    <#if run.refusals()?has_content><ul class="refusals"><#list run.refusals() as refusal><li>${refusal.startedBy()} refused: ${refusal.reason()}</li></#list></ul></#if></td>
  <td>${run.createdAtUtc()}</td>
  <td class="n">${(run.rowsIn()?c)!run.active()?then("…", "–")}</td>
  <td><#if run.dryRun()>would send ${run.wouldSend()?c}<#elseif run.rowsAccountedFor() gt 0><progress max="100" value="${run.percent()?c}">${run.percent()?c}%</progress> ${run.percent()?c}%<#else><span class="muted">–</span></#if><#if run.waiting()??><br><span class="muted">${run.waiting()}</span></#if></td>
  <td class="muted"><@layout.states run/></td>
  <td><@layout.reports run/></td>
  <td><@layout.controls run form/></td>
</tr>
<#else>
<tr><td colspan="9" class="muted">No runs yet. Upload a list above, drop one in an inbox folder, or wait for a schedule.</td></tr>
</#list>
</table>
</@layout.page>
