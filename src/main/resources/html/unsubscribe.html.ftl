<#-- The page a recipient's unsubscribe link opens. It stands alone: nothing on it leads to the operators' pages. -->
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Unsubscribe</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #222; background: #fafafa; }
  main { max-width: 32em; margin: 4em auto; padding: 1.5em 2em; background: #fff; border: 1px solid #e4e4e4; border-radius: 6px; }
  h1 { font-size: 1.3em; margin-top: 0; }
  button { font: inherit; padding: 0.4em 1.2em; cursor: pointer; }
</style>
</head>
<body>
<main>
<#if state == "confirm">
  <h1>Unsubscribe</h1>
  <p>Stop sending messages to <strong>${address}</strong>?</p>
  <form method="post">
    <input type="hidden" name="List-Unsubscribe" value="One-Click">
    <button>Unsubscribe</button>
  </form>
<#elseif state == "done">
  <h1>You are unsubscribed</h1>
  <p><strong>${address}</strong> will get no more of these messages.</p>
<#elseif state == "already">
  <h1>Already unsubscribed</h1>
  <p><strong>${address}</strong> is already off the list; nothing more needs doing.</p>
<#elseif state == "unknown">
  <h1>Link not found</h1>
  <p>This unsubscribe link names no recipient here. Nothing was changed.</p>
<#else>
  <h1>Link not valid</h1>
  <p>This unsubscribe link is damaged or incomplete. Nothing was changed; try the link from the message again.</p>
</#if>
</main>
</body>
</html>
