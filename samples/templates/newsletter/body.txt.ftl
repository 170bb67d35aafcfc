Example News, ${month}

Dear ${first_name},

This month's top story for ${segment} readers: ${headline}.
The reader's guide is attached.

You receive this because you subscribed with ${email}.
