<html>
<body>
<p>Hello ${first_name} ${last_name},</p>
<p>Thank you for joining the <strong>${plan}</strong> plan<#if city?has_content> from ${city}</#if>.
Your first issue arrives on ${start_date}.</p>
<p>The Example News team</p>
</body>
</html>
