<html>
<body>
<h1>Example News, ${month}</h1>
<p>Dear ${first_name},</p>
<p>This month's top story for <strong>${segment}</strong> readers: ${headline}.</p>
<p>The reader's guide is attached.</p>
<p><small>You receive this because you subscribed with ${email}.</small></p>
</body>
</html>
