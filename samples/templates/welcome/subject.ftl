Welcome to Example News, ${first_name}!
