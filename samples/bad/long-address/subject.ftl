Hello ${first_name}
