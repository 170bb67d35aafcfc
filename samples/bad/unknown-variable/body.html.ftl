<p>Dear ${first_name}, use code ${coupon_code}.</p>
