<p>Dear ${first_name}, your plan is ${plan}.</p>
