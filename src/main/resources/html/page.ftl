<#-- The frame of the service's pages. Every value is escaped by the HTML output format; the pages carry no script. -->
<#macro page title refresh=0>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<#if refresh gt 0><meta http-equiv="refresh" content="${refresh}"></#if>
<title>${title} · Campaign sender</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #222; background: #fafafa; }
  header { background: #263238; color: #fff; padding: 0.7em 1.5em; display: flex; align-items: center; justify-content: space-between; }
  header a { color: #fff; text-decoration: none; font-weight: 600; }
  main { max-width: 72em; margin: 1.5em auto; padding: 0 1.5em; }
  h1 { font-size: 1.4em; margin: 0.2em 0 0.6em; }
  h2 { font-size: 1.15em; margin-top: 1.8em; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: 0.45em 0.6em; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
  th { font-size: 0.85em; color: #555; font-weight: 600; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .muted { color: #666; font-size: 0.85em; }
  .error { background: #fdecea; border: 1px solid #f5c2c0; padding: 0.7em 1em; border-radius: 4px; }
  .status { font-size: 0.8em; font-weight: 700; padding: 0.15em 0.5em; border-radius: 3px; background: #eceff1; }
  .status.COMPLETED { background: #e8f5e9; color: #1b5e20; }
  .status.RUNNING { background: #e3f2fd; color: #0d47a1; }
  .status.FAILED, .status.REFUSED { background: #fdecea; color: #b71c1c; }
  .status.STOPPED { background: #fff8e1; color: #8d6e00; }
  progress { width: 9em; vertical-align: middle; }
  .notice { border: 1px solid #2a7; background: #efe; padding: 0.3em 1em; margin: 1em 0; }
  form.upload { display: flex; gap: 0.5em; align-items: center; flex-wrap: wrap; }
  form.inline { display: inline; margin: 0; }
  button { font: inherit; padding: 0.3em 0.9em; cursor: pointer; }
  header button { background: transparent; color: #fff; border: 1px solid #90a4ae; border-radius: 3px; }
  ul.refusals { margin: 0.3em 0 0; padding-left: 1.1em; font-size: 0.85em; color: #b71c1c; }
  .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9em, 1fr)); gap: 0.8em; }
  .figure { background: #fff; border: 1px solid #e4e4e4; border-radius: 6px; padding: 0.6em 0.8em; }
  .figure b { display: block; font-size: 1.4em; }
</style>
</head>
<body>
<header>
  <a href="/">Campaign sender</a>
  <form class="inline" method="get" action="/recipients" role="search"><input type="search" name="address" size="28" placeholder="jane@example.com or +15551234567" aria-label="find a recipient" value="${searched!""}"> <button>Find a recipient</button></form>
  <#if loginRequired><form class="inline" method="post" action="/logout"><input type="hidden" name="_csrf" value="${form}"><button>Log out</button></form></#if>
</header>
<main>
<#nested>
</main>
</body>
</html>
</#macro>

<#-- The report files a run has so far, as links. -->
<#macro reports run>
<#list run.reportFiles() as file><a href="/runs/${run.runId()?c}/files/${file}">${file}</a><#sep> · </#sep><#else><span class="muted"><#if run.refused()>none: the run was not started (Resume starts it)<#else>when the run ends</#if></span></#list>
</#macro>

<#-- The states a run's rows are in, the largest first as the ledger counts them. -->
<#macro states run>
<#list run.states() as state, count>${state} ${count}<#sep> · </#sep></#list>
</#macro>

<#-- The run-control buttons a run's status allows (SPEC section 13), each a form with the page's secret. -->
<#macro controls run form>
<#if !run.dryRun()><#list run.actions() as action><form class="inline" method="post" action="/runs/${run.runId()?c}/${action}"><input type="hidden" name="_csrf" value="${form}"><button>${(action == "start")?then("Send", action?cap_first)}</button></form><#sep> </#sep></#list></#if>
</#macro>
