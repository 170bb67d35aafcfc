${first_name}, your ${month} issue of Example News
