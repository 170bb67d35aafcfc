<p>Hello ${first_name}</p>
<p><a href="${unsubscribe_url}">Unsubscribe</a></p>
