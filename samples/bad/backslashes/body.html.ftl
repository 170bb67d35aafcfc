<p>Dear ${first_name}, your files are at ${share}.</p>
