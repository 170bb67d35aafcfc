<p>Hello ${first_name}</p>
