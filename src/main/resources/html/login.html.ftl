<#import "page.ftl" as layout>
<@layout.page title="Log in">
<h1>Log in</h1>
<#if error??><div class="error" role="alert"><p>${error}</p></div></#if>
<p>This service asks for its token (<code>campaign.server.token</code>, the one API calls carry) once per browser.</p>
<form method="post" action="/login">
  <input type="hidden" name="_csrf" value="${form}">
  <label>Token <input type="password" name="token" autocomplete="current-password" required autofocus></label>
  <button>Log in</button>
</form>
</@layout.page>
