<p>Dear ${first_name},</p>
<#if plan == "Plus">
<p>Thanks for upgrading.</p>
