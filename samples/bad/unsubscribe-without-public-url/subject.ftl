News for ${first_name}
